"""User-facing messages of the core, in every language the tool speaks.

A plain table rather than gettext catalogs: these strings are needed by commands that must start
instantly (`set`, `validate`), and a dict lookup costs nothing at import. Report templates, which
are long prose, go through gettext catalogs instead (see coconstruct/report).
"""

from __future__ import annotations

import os

LANGUAGES = ("fr", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "required": {"fr": "une réponse est attendue", "en": "an answer is required"},
    "min_number": {"fr": "doit valoir au moins {limit}", "en": "must be at least {limit}"},
    "max_number": {"fr": "doit valoir au plus {limit}", "en": "must be at most {limit}"},
    "min_length": {
        "fr": "doit compter au moins {limit} caractères",
        "en": "must be at least {limit} characters long",
    },
    "max_length": {
        "fr": "doit compter au plus {limit} caractères",
        "en": "must be at most {limit} characters long",
    },
    "min_items": {
        "fr": "au moins {limit} éléments attendus",
        "en": "at least {limit} items expected",
    },
    "max_items": {"fr": "au plus {limit} éléments", "en": "at most {limit} items"},
    "pattern": {
        "fr": "ne respecte pas le format attendu",
        "en": "does not match the expected format",
    },
    "not_text": {"fr": "un texte est attendu", "en": "text is expected"},
    "one_line": {"fr": "une seule ligne est attendue", "en": "a single line is expected"},
    "not_number": {"fr": "« {value} » n'est pas un nombre", "en": "{value!r} is not a number"},
    "percent_range": {
        "fr": "un pourcentage est compris entre 0 et 100",
        "en": "a percentage is between 0 and 100",
    },
    "not_date": {
        "fr": "« {value} » n'est pas une date (2027-03-15 ou 15/03/2027)",
        "en": "{value!r} is not a date (2027-03-15 or 15/03/2027)",
    },
    "not_boolean": {
        "fr": "« {value} » : répondez oui ou non",
        "en": "{value!r}: answer yes or no",
    },
    "unknown_choice": {
        "fr": "« {value} » n'est pas un choix possible ({choices})",
        "en": "{value!r} is not one of the choices ({choices})",
    },
    "not_list": {"fr": "une liste est attendue", "en": "a list is expected"},
    "duplicate_choice": {
        "fr": "« {value} » est choisi deux fois",
        "en": "{value!r} is chosen twice",
    },
    "unknown_reference": {
        "fr": "« {value} » ne désigne aucun élément de {target} ({choices})",
        "en": "{value!r} is not an item of {target} ({choices})",
    },
    "not_boolean_file": {
        "fr": "« {value} » : écrivez true (oui) ou false (non)",
        "en": "{value!r}: write true or false",
    },
    "v_unknown_question": {
        "fr": "question inconnue (absente du questionnaire {qid})",
        "en": "unknown question (not in questionnaire {qid})",
    },
    "v_deferred_list": {
        "fr": "une liste d'identifiants de questions est attendue",
        "en": "a list of question ids is expected",
    },
    "v_not_a_question": {
        "fr": "« {value} » n'est pas une question",
        "en": "{value!r} is not a question",
    },
    "v_unknown_key": {
        "fr": "clé inconnue (attendues : {keys})",
        "en": "unknown key (expected: {keys})",
    },
    "v_version": {
        "fr": "réponses écrites pour la version {version}, le questionnaire est en version "
        "{current}",
        "en": "answers written for version {version}, questionnaire is version {current}",
    },
    "v_language": {
        "fr": "« {value} » n'est pas une langue du questionnaire ({languages})",
        "en": "{value!r} is not a language of the questionnaire ({languages})",
    },
    "v_status": {
        "fr": "« {value} » n'est pas un statut ({statuses})",
        "en": "{value!r} is not a status ({statuses})",
    },
    "v_hidden": {
        "fr": "réponse conservée, mais la question ne s'applique plus (sa condition `when:` "
        "est fausse)",
        "en": "answer kept, but the question does not apply any more (its `when:` condition "
        "is false)",
    },
    "v_item_mapping": {
        "fr": "un élément de liste est un ensemble de champs",
        "en": "a list item is a mapping of fields",
    },
    "v_no_id": {
        "fr": "l'élément n'a pas d'`id` (par exemple {example})",
        "en": "the item has no `id` (such as {example})",
    },
    "v_id_twice": {"fr": "l'identifiant {id} est utilisé deux fois", "en": "id {id} is used twice"},
    "v_unknown_field": {
        "fr": "champ inconnu (champs de {list} : {fields})",
        "en": "unknown field (fields of {list}: {fields})",
    },
    "save_failed": {
        "fr": "{file} : enregistrement impossible ({reason}) ; le fichier est inchangé",
        "en": "{file}: could not save ({reason}); the file is unchanged",
    },
    "save_failed_hint": {
        "fr": "libérez de la place sur le disque ou choisissez un dossier accessible en écriture, "
        "puis recommencez",
        "en": "free some disk space or choose a writable folder, then try again",
    },
    "locked": {
        "fr": "{file} est utilisé par un autre coconstruct ({owner})",
        "en": "{file} is in use by another coconstruct ({owner})",
    },
    "locked_hint": {
        "fr": "terminez ou arrêtez d'abord l'autre session ; rien n'a été modifié",
        "en": "finish or stop the other session first; nothing was changed",
    },
    "owner": {"fr": "processus {pid} sur {host}", "en": "process {pid} on {host}"},
    "owner_pid": {"fr": "processus {pid}", "en": "process {pid}"},
    "owner_unknown": {"fr": "processus inconnu", "en": "process unknown"},
    "not_final": {
        "fr": "le fichier ne peut pas être marqué final : {count} erreur(s), dont {first}",
        "en": "cannot mark the file final: {count} error(s), first {first}",
    },
    # YAML mistakes made by hand (the parser's own words are kept for the rare others)
    "yaml_unclosed_quote": {
        "fr": "guillemet ouvert ici et jamais refermé",
        "en": "quote opened here and never closed",
    },
    "yaml_unclosed_bracket": {
        "fr": "« {bracket} » ouvert ici et jamais refermé",
        "en": "'{bracket}' opened here and never closed",
    },
    "yaml_colon": {
        "fr": "« : » inattendu ici : mettez entre guillemets une valeur qui contient « : »",
        "en": "unexpected ':' here: put a value that contains ': ' in quotes",
    },
    "yaml_indent": {
        "fr": "indentation incohérente : alignez cette ligne sur les clés de même niveau",
        "en": "inconsistent indentation: align this line with the keys of its level",
    },
    "yaml_no_colon": {"fr": "« : » attendu après la clé", "en": "expected ':' after the key"},
    "yaml_tab": {
        "fr": "tabulation : YAML s'indente avec des espaces",
        "en": "tab character: YAML is indented with spaces",
    },
    "yaml_bad_start": {
        "fr": "une valeur ne peut pas commencer par « {char} » : mettez-la entre guillemets",
        "en": "a value cannot start with '{char}': put it in quotes",
    },
    "no_items": {"fr": "aucun élément pour l'instant", "en": "no items yet"},
    # the command line's own messages (in the user's language, see ui_language)
    "created": {
        "fr": "{file} créé (questionnaire {qid} v{version}, {language})",
        "en": "Created {file} (questionnaire {qid} v{version}, {language})",
    },
    "next_run": {"fr": "Ensuite : coconstruct run {file}", "en": "Next: coconstruct run {file}"},
    "exists": {
        "fr": "{file} existe déjà ; rien n'a été modifié",
        "en": "{file} already exists; nothing was changed",
    },
    "edit_hint": {
        "fr": "pour le compléter : coconstruct run {file}",
        "en": "edit it with: coconstruct run {file}",
    },
    "saved": {"fr": "{file} enregistré", "en": "Saved {file}"},
    "checked": {
        "fr": "{files} fichier(s) vérifié(s) : {errors} erreur(s), {warnings} avertissement(s)",
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s)",
    },
    "questionnaire_ok": {
        "fr": "{file} : correct — {qid} v{version}, {sections} sections, {questions} questions",
        "en": "{file}: ok — {qid} v{version}, {sections} sections, {questions} questions",
    },
    "no_folder": {"fr": "{folder} : dossier introuvable", "en": "{folder}: no such folder"},
    "rendered": {
        "fr": "Feuille de route de {file} :",
        "en": "Roadmap of {file}:",
    },
    "charts_beside": {
        "fr": "  {count} graphique(s) dans {folder}",
        "en": "  {count} chart(s) in {folder}",
    },
    "demo_title": {"fr": "Atelier d'exemple : {territory}", "en": "Example workshop: {territory}"},
    "demo_answers": {"fr": "  réponses : {file}", "en": "  answers:  {file}"},
    "demo_kept": {"fr": "  (votre copie modifiée, conservée)", "en": "  (your edited copy, kept)"},
    "demo_content": {
        "fr": "  contenu :  {needs} besoins, {resources} ressources, {partners} partenaires, "
        "{actions} actions",
        "en": "  content:  {needs} needs, {resources} resources, {partners} partners, "
        "{actions} actions",
    },
    "demo_validate": {"fr": "  contrôle : {verdict}", "en": "  validate: {verdict}"},
    "demo_ok": {"fr": "aucune erreur", "en": "ok"},
    "demo_errors": {"fr": "{errors} erreur(s)", "en": "{errors} error(s)"},
    "demo_warnings": {"fr": ", {warnings} avertissement(s)", "en": ", {warnings} warning(s)"},
    "demo_no_pdf": {
        "fr": "  pdf :     non produit : {reason}",
        "en": "  pdf:      not made: {reason}",
    },
    "demo_try": {
        "fr": "Ouvrez {html} dans un navigateur, ou essayez : coconstruct validate {file}",
        "en": "Open {html} in a browser, or try: coconstruct validate {file}",
    },
    "file_comment": {
        "fr": "{title} — fichier de réponses coconstruct",
        "en": "{title} — coconstruct answers file",
    },
    "batch_progress": {"fr": "Rendu", "en": "Rendering"},
    "and_more": {"fr": " (et {count} autre(s))", "en": " (and {count} more)"},
    "validate_hint": {
        "fr": "le détail de chaque problème : coconstruct validate {file}",
        "en": "see every problem with: coconstruct validate {file}",
    },
    "batch_start": {
        "fr": "{total} fichier(s) de réponses : {skipped} à jour, {todo} à produire",
        "en": "{total} answers file(s): {skipped} up to date, {todo} to render",
    },
    "batch_line_ok": {
        "fr": "{place} produit {file} ({seconds} s)",
        "en": "{place} rendered {file} ({seconds} s)",
    },
    "batch_line_failed": {"fr": "{place} échec : {message}", "en": "{place} failed: {message}"},
    "batch_rendered": {"fr": "rendus", "en": "rendered"},
    "batch_skipped": {"fr": "à jour", "en": "up to date"},
    "batch_failed": {"fr": "en échec", "en": "failed"},
    "batch_time": {"fr": "durée", "en": "time"},
    "batch_interrupted": {
        "fr": "Interrompu : les rapports terminés sont gardés ; relancez la même commande pour "
        "finir.",
        "en": "Interrupted: finished reports are kept; run the same command again to finish.",
    },
    "batch_nothing": {
        "fr": "Aucun fichier de réponses trouvé.",
        "en": "No answers file found.",
    },
    "templates_exported": {
        "fr": "{count} fichier(s) de gabarit copié(s) dans {folder}",
        "en": "Copied {count} template file(s) into {folder}",
    },
    "templates_kept": {
        "fr": "{count} fichier(s) déjà présent(s), conservé(s) (--force pour les remplacer)",
        "en": "{count} file(s) already there, kept (--force replaces them)",
    },
    "templates_next": {
        "fr": "Modifiez-les, puis : coconstruct render FICHIER --templates {folder}",
        "en": "Edit them, then: coconstruct render FILE --templates {folder}",
    },
    # --- the live interview (`run`) -----------------------------------------------------------
    "run_nav_hint": {
        "fr": "Ctrl-B précédente · Ctrl-R à revoir · Ctrl-C quitter (tout est enregistré)",
        "en": "Ctrl-B previous · Ctrl-R review later · Ctrl-C quit (everything is saved)",
    },
    "run_menu_hint": {
        "fr": "↑↓ puis Entrée · Ctrl-B précédente · Ctrl-C quitter (tout est enregistré)",
        "en": "↑↓ then Enter · Ctrl-B previous · Ctrl-C quit (everything is saved)",
    },
    "run_list_hint": {
        "fr": "↑↓ puis Entrée · Ctrl-B précédente · Ctrl-R à revoir · Ctrl-C quitter",
        "en": "↑↓ then Enter · Ctrl-B previous · Ctrl-R review later · Ctrl-C quit",
    },
    "run_textarea_hint": {
        "fr": "Entrée sur une ligne vide pour valider",
        "en": "Enter on an empty line to finish",
    },
    "run_checkbox_hint": {
        "fr": "Espace : cocher · Entrée : valider",
        "en": "Space: tick · Enter: confirm",
    },
    "run_select_hint": {"fr": "tapez pour filtrer", "en": "type to filter"},
    "run_no_match": {
        "fr": "aucun choix ne correspond (Retour arrière pour corriger)",
        "en": "no choice matches (Backspace to correct)",
    },
    "run_scale_hint": {"fr": "un chiffre répond", "en": "a digit answers"},
    "run_chosen": {"fr": "{n} choix", "en": "{n} choices"},
    "run_chosen_none": {"fr": "aucun choix", "en": "none chosen"},
    "run_section": {"fr": "Section {n}/{total}", "en": "Section {n}/{total}"},
    "run_question": {"fr": "question {n}/{total}", "en": "question {n}/{total}"},
    "run_minutes": {"fr": "{spent} min / {box}", "en": "{spent} min / {box}"},
    "run_minutes_open": {"fr": "{spent} min", "en": "{spent} min"},
    "run_required": {"fr": "obligatoire", "en": "required"},
    "run_deferred_tag": {"fr": "à revoir", "en": "to review"},
    "run_no_answer": {"fr": "(sans réponse)", "en": "(no answer)"},
    "run_yes": {"fr": "Oui", "en": "Yes"},
    "run_no": {"fr": "Non", "en": "No"},
    "run_start": {"fr": "Commencer ▸", "en": "Start ▸"},
    "run_new_item": {"fr": "{item} (nouveau)", "en": "{item} (new)"},
    "run_list_add": {"fr": "+ Ajouter un élément", "en": "+ Add an item"},
    "run_list_add_more": {"fr": "+ Ajouter un autre élément", "en": "+ Add another item"},
    "run_list_edit": {"fr": "✎ Modifier un élément", "en": "✎ Edit an item"},
    "run_list_remove": {"fr": "✕ Supprimer un élément", "en": "✕ Remove an item"},
    "run_list_move": {"fr": "↕ Déplacer un élément", "en": "↕ Move an item"},
    "run_continue": {"fr": "✓ Continuer", "en": "✓ Continue"},
    "run_list_empty": {"fr": "Aucun élément pour l'instant.", "en": "No items yet."},
    "run_pick_item": {"fr": "Quel élément modifier ?", "en": "Which item?"},
    "run_pick_remove": {"fr": "Quel élément supprimer ?", "en": "Which item should go?"},
    "run_pick_move": {"fr": "Quel élément déplacer ?", "en": "Which item should move?"},
    "run_pick_field": {"fr": "{item} : quel champ modifier ?", "en": "{item}: which field?"},
    "run_all_fields": {"fr": "Tous les champs, dans l'ordre", "en": "Every field, in order"},
    "run_move_to": {"fr": "Où placer {item} ?", "en": "Where should {item} go?"},
    "run_move_before": {"fr": "avant {item}", "en": "before {item}"},
    "run_move_last": {"fr": "à la fin", "en": "at the end"},
    "run_remove_confirm": {"fr": "Supprimer {item} ?", "en": "Remove {item}?"},
    "run_remove_cited": {
        "fr": "{item} est cité par {refs} : ces références seront à corriger.",
        "en": "{item} is cited by {refs}: those references will need fixing.",
    },
    "run_removed": {"fr": "{item} supprimé.", "en": "{item} removed."},
    "run_review": {"fr": "Relecture : {section}", "en": "Review: {section}"},
    "run_review_edit": {"fr": "✎ Modifier une réponse", "en": "✎ Change an answer"},
    "run_pick_question": {"fr": "Quelle réponse modifier ?", "en": "Which answer?"},
    "run_col_question": {"fr": "Question", "en": "Question"},
    "run_col_answer": {"fr": "Réponse", "en": "Answer"},
    "run_not_applicable": {"fr": "(ne s'applique plus)", "en": "(no longer applies)"},
    "run_items": {"fr": "{n} éléments", "en": "{n} items"},
    "run_item": {"fr": "1 élément", "en": "1 item"},
    "run_end_title": {
        "fr": "Fin du questionnaire — {n} réponses",
        "en": "End of the questionnaire — {n} answers",
    },
    "run_end_deferred": {
        "fr": "↻ Reprendre les {n} question(s) à revoir",
        "en": "↻ Go through the {n} question(s) to review",
    },
    "run_end_review": {"fr": "✎ Relire une section", "en": "✎ Review a section"},
    "run_end_quit": {"fr": "✓ Terminer", "en": "✓ Finish"},
    "run_pick_section": {"fr": "Quelle section ?", "en": "Which section?"},
    "run_deferred_now": {
        "fr": "Mis de côté : « {label} » (à revoir).",
        "en": "Set aside: “{label}” (to review).",
    },
    "run_no_targets": {
        "fr": "« {label} » : aucun élément dans « {target} » pour l'instant, "
        "question mise à revoir.",
        "en": "“{label}”: no items in “{target}” yet, question set aside to review.",
    },
    "run_no_targets_optional": {
        "fr": "« {label} » : aucun élément dans « {target} » pour l'instant, question passée.",
        "en": "“{label}”: no items in “{target}” yet, question skipped.",
    },
    "run_first_question": {
        "fr": "C'est la première question.",
        "en": "This is the first question.",
    },
    "run_recomputed": {
        "fr": "« {label} » recalculé : {value}",
        "en": "“{label}” recomputed: {value}",
    },
    "run_gone": {
        "fr": "« {path} » n'existe plus, retiré des questions à revoir.",
        "en": "“{path}” no longer exists, dropped from the questions to review.",
    },
    "run_language": {"fr": "Langue de l'atelier ?", "en": "Workshop language?"},
    "run_questionnaire": {"fr": "Quel questionnaire ?", "en": "Which questionnaire?"},
    "run_created": {
        "fr": "{file} créé (questionnaire {qid} v{version}).",
        "en": "Created {file} (questionnaire {qid} v{version}).",
    },
    "run_saved": {
        "fr": "{n} réponses enregistrées dans {file}",
        "en": "Saved {n} answers to {file}",
    },
    "run_not_created": {
        "fr": "Interrompu : {file} n'a pas été créé.",
        "en": "Interrupted: {file} was not created.",
    },
    "run_next": {
        "fr": "Ensuite : coconstruct show {file} · coconstruct validate {file}",
        "en": "Next: coconstruct show {file} · coconstruct validate {file}",
    },
    "run_resume": {
        "fr": "pour reprendre : coconstruct run {file}",
        "en": "resume with: coconstruct run {file}",
    },
    "run_cleaned": {
        "fr": "Fichier temporaire d'une session interrompue supprimé : {name}",
        "en": "Removed a temp file left by an interrupted session: {name}",
    },
}


def msg(key: str, lang: str | None = None, /, **values: object) -> str:
    """A message in `lang` (default: the user's language)."""
    lang = lang or ui_language()
    table = _MESSAGES[key]
    return table.get(lang, table["en"]).format(**values)


def ui_language() -> str:
    """The language of the tool's own messages: COCONSTRUCT_LANG, else the locale, else French."""
    for var in ("COCONSTRUCT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value[:2] in LANGUAGES:
            return value[:2]
    return "fr"
