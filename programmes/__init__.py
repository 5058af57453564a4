"""Programme facts and matching: plain Python (PyYAML, Babel, text2num, dateparser), usable by the form
service and the bot.

- `programmes.catalogue`: loads and validates the YAML catalogue (one source of programme facts)
- `programmes.districts`: Berlin district names, Ortsteile and aliases
- `programmes.activities`: what a project does, read from its description
- `programmes.matching`: ranks programmes for an applicant profile, with reasons in German or English
- `programmes.availability`, `programmes.verdicts`, `programmes.next_steps`: open calls, the headline of
  each result and whom to contact next
- `programmes.facts`: a programme's facts with source and period, for the API
- `programmes.formatting`: money, dates and periods per language (Babel)
- `programmes.answers`, `programmes.amounts`: the draft's fields and the readers of each answer, on
  `programmes.numbers` (number words, text2num), `programmes.dates` (dates, relative and vague ones, and
  the one table of what a vague date means), `programmes.durations` and `programmes.quantities` (which bare
  number of an answer is the figure asked)
"""
