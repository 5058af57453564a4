"""The Rasa side of Kiezlotse that is not dialogue: custom NLU components and their evaluation."""
