"""Custom actions for the Kiezlotse assistant, run by the Rasa SDK action server.

Actions stay thin: they read the tracker, call the form service (actions.formservice)
and dispatch a response. Decisions live in plain modules with their own unit tests.
"""
