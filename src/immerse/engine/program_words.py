"""The program builder's sentences in one language: a thin reader of
:class:`~immerse.engine.languages.grammar.BuilderWords` that fills its slots with the
grammar's tool nouns, level names, counts and quotation marks."""

from __future__ import annotations

from dataclasses import dataclass, field

from immerse.engine.languages import grammar_for
from immerse.engine.languages.grammar import BuilderWords, Grammar, Noun, Plural

_PRONOUN_INDEX = {"m": 0, "f": 1, "n": 2}


@dataclass(frozen=True, slots=True)
class BuilderText:
    """One language's builder sentences, ready to fill."""

    grammar: Grammar

    @classmethod
    def of(cls, language: str) -> BuilderText:
        return cls(grammar_for(language))

    @property
    def words(self) -> BuilderWords:
        return self.grammar.builder

    def pick(self, pair: Plural, n: int) -> str:
        return pair[1] if self.grammar.plural(n) else pair[0]

    def level(self, level: int) -> str:
        return self.grammar.level_names[level]

    def levels(self, levels: tuple[int, ...]) -> str:
        return self.joined([self.level(lv) for lv in levels])

    def joined(self, parts: list[str]) -> str:
        """Clauses or names joined with "and" ("a, b und c"; English: "a and b and c")."""
        if self.words.and_ is None:
            return self.grammar.join(parts, False)
        return self.words.and_.join(parts)

    def count_of(self, n: int, total: int) -> str:
        return self.words.of.format(n=n, total=total)

    def tool(self, key: str) -> dict[str, str]:
        """The slots a sentence names a tool with: ``tool``, ``tool_<form>`` and ``it``."""
        noun: Noun = self.grammar.reasons.tools[key]
        slots = {"tool": noun.text}
        slots.update({f"tool_{form}": noun.form(form) for form in self.grammar.reasons.forms})
        index = (3 if noun.gender != "f" else 4) if noun.plural else _PRONOUN_INDEX[noun.gender]
        slots["it"] = self.words.it[index]
        return slots

    def quoted(self, text: str) -> str:
        """A quote the engine wrote (“…”) in this language's quotation marks."""
        if text.startswith("“") and text.endswith("”"):
            opening, closing = self.grammar.reasons.quote_marks
            return f"{opening}{text[1:-1]}{closing}"
        return text

    def theme_name(self, name: str) -> str:
        return self.quoted(self.grammar.theme_names.get(name, name))


@dataclass(slots=True)
class BuilderNotes:
    """The notes for the organizer, in ``text``'s language; ``titles`` writes the
    proposals (a note may name one)."""

    text: BuilderText
    titles: BuilderText
    notes: list[str] = field(default_factory=list)

    @property
    def words(self) -> BuilderWords:
        return self.text.words

    def add(self, sentence: str, **slots: object) -> None:
        self.notes.append(sentence.format(**slots))
