"""The answers file an interview works on: opened, or created asking only what is needed."""

from __future__ import annotations

from pathlib import Path

from coconstruct.interview.protocol import Header, Menu, Option, Prompter
from coconstruct.language.locales import LOCALES
from coconstruct.language.messages import msg
from coconstruct.model import answers_file as answers
from coconstruct.model import questionnaire as qmod
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import Questionnaire, text
from coconstruct.model.validation import load_checked


def open_or_create(
    path: Path,
    prompter: Prompter,
    lang: str,
    questionnaire: str | None = None,
    wanted_lang: str | None = None,
) -> tuple[AnswersFile, Questionnaire]:
    """The answers file to interview on; a missing one is created as `coconstruct new` does.

    `lang` is the language to ask in; the workshop language is asked only when the questionnaire
    has several and `wanted_lang` is not given, the questionnaire only when several are built in
    and none is named. The caller holds the file's lock.
    """
    if path.exists():
        return load_checked(path, questionnaire)
    answers.check_creatable(path, lang)
    header = Header(path.stem, "", 0, 0, 0, 0, 0.0, None)
    ref = questionnaire
    if ref is None:
        builtins = qmod.builtin_ids()
        ref = builtins[0]
        if len(builtins) > 1:
            options = tuple(
                Option(qid, f"{qid} · {text(qmod.load(qid).title, lang)}") for qid in builtins
            )
            reply = prompter.choose(
                Menu(
                    key="new:questionnaire",
                    header=header,
                    title=msg("Which questionnaire?", lang),
                    options=options,
                    default=ref,
                )
            )
            ref = reply if isinstance(reply, str) else ref
    loaded = qmod.load(ref)
    language = loaded.lang(wanted_lang or lang)
    if wanted_lang is None and len(loaded.languages) > 1:
        options = tuple(Option(code, _language_name(code)) for code in loaded.languages)
        reply = prompter.choose(
            Menu(
                key="new:language",
                header=header,
                title=msg("Language of the answers and the roadmap?", lang),
                options=options,
                default=language,
            )
        )
        language = reply if reply in loaded.languages else language
    doc = answers.create(path, loaded, ref, language, lang)
    prompter.notice(
        msg(
            "Created {file} (questionnaire {qid} v{version}).",
            language,
            file=path,
            qid=loaded.id,
            version=loaded.version,
        )
    )
    return doc, loaded


def _language_name(code: str) -> str:
    """A language as its speakers write it (« Français »); a code the tool does not speak as is."""
    return LOCALES[code].name if code in LOCALES else code
