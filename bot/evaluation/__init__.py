"""The evaluation report (`make evaluate`): NLU scores per language, the conversation suite's pass rate,
and the comparison with the baseline kept in the repository (tests/nlu/baseline.json)."""
