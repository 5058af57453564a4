"""What the maintainer pages read and write: user messages from Rasa's conversation store, why a message
belongs in the inbox of misunderstood messages, grouping, and the export of labelled examples.

tracker.py reads the store, triage.py decides which messages are misunderstood, grouping.py groups similar
ones, intents.py reads the domain's intents, nlu_export.py and suite_export.py write training data and
conversation-suite cases; programmes.personal_data masks personal data. The pages are in
webform/maintainers.
"""
