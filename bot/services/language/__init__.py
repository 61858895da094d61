"""Which of the ten languages a free text is written in, and the languages' own names."""
