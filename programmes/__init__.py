"""Programme facts and matching: plain Python (stdlib + PyYAML), usable by the form service and the bot.

- `programmes.catalogue`: loads and validates the YAML catalogue (one source of programme facts)
- `programmes.districts`: Berlin district names, Ortsteile and aliases
- `programmes.matching`: ranks programmes for an applicant profile, with reasons in German or English
"""
