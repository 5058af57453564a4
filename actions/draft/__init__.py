"""The application draft as plain modules without Rasa: what to ask, how to read and check
each answer, the check-your-answers summary and the body sent to POST /api/drafts.

The Rasa actions in actions/draft_form.py and actions/draft_submit.py only wire these to the tracker.
"""
