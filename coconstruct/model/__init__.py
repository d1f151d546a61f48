"""The data and its rules, with no terminal and no disk besides `fsio`: the questionnaire and its
checks, the question types (question_types/: one class per type, what `type:` names), the
answers document (round-trip YAML, lock), values, amounts, dates, answer paths, validation,
migrations, the JSON Schema, and the one formatter and display of answers.

May import `language` and `errors` only."""
