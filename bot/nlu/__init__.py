"""Custom Rasa 3.6 NLU components of Kiezlotse and the plain-Python code behind them.

- `text`: tokenisation and the normal form used for matching (no Rasa, no spaCy)
- `amounts`, `durations`, `dates`: locale-aware parsers for money, periods and dates
- `lexicon`, `gazetteer`: the words we recognise, from the catalogue and a small vocabulary
- `extractor`: blank spaCy pipelines (EntityRuler + Matcher) plus regexes → normalised entities
- `language_id`: character n-gram naive Bayes language identifier
- `components`: the Rasa graph components wrapping the above
"""
