"""French help of the command line, keyed by the English text of the docstrings and options.

`coconstruct --help` speaks the user's language (see messages.ui_language); the English is the
docstrings themselves. A test fails when a command or option has no French here.
"""

from __future__ import annotations

HELP_FR: dict[str, str] = {
    # the application and its groups
    "Run territorial co-construction workshops and turn them into a roadmap.": "Animer des ateliers de co-construction territoriale et en tirer une feuille de route.",
    "List, show and check questionnaires.": "Lister, afficher et vérifier les questionnaires.",
    "Copy the report templates to brand them.": "Copier les gabarits du rapport pour les mettre à vos couleurs.",
    # commands
    "Write the bundled example workshop into a folder and check it.\n\n"
    "Example: coconstruct demo --out /tmp/demo": "Écrit l'atelier d'exemple dans un dossier, le vérifie et produit sa feuille de route.\n\n"
    "Exemple : coconstruct demo --out /tmp/demo",
    "Create an empty answers file (never overwrites one).\n\n"
    "Example: coconstruct new atelier.yaml --lang fr": "Crée un fichier de réponses vide (n'en écrase jamais un).\n\n"
    "Exemple : coconstruct new atelier.yaml --lang fr",
    "Check a questionnaire definition; every problem is listed as file:line:col.\n\n"
    "Example: coconstruct questionnaires check my-questionnaire.yaml": "Vérifie la définition d'un questionnaire ; chaque problème est donné en "
    "fichier:ligne:colonne.\n\nExemple : coconstruct questionnaires check mon-questionnaire.yaml",
    "List the built-in questionnaires.\n\nExample: coconstruct questionnaires list": "Liste les questionnaires intégrés.\n\nExemple : coconstruct questionnaires list",
    "Show a questionnaire as a readable tree.\n\n"
    "Example: coconstruct questionnaires show territoire --lang en": "Affiche un questionnaire sous forme d'arbre lisible.\n\n"
    "Exemple : coconstruct questionnaires show territoire --lang en",
    "Render co-construction roadmaps (Markdown, HTML, PDF) from answers files.\n\n"
    "One STEM.md/.html/.pdf per answers file in the output folder (the Markdown's charts in\n"
    "STEM_charts/), in the answers file's language or --lang. Many files render in parallel;\n"
    "what has not changed since the last run is skipped (--force renders all); a bad file is\n"
    "reported and the others go on. Exit 0 when all went well, 3 when some failed, 1 when none\n"
    "could be rendered.\n\nExample: coconstruct render atelier.yaml -f html,pdf -o rapports "
    "--lang en": "Produit les feuilles de route (Markdown, HTML, PDF) de fichiers de réponses.\n\n"
    "Un NOM.md/.html/.pdf par fichier de réponses dans le dossier de sortie (les graphiques du "
    "Markdown dans NOM_charts/), dans la langue du fichier ou celle de --lang. Plusieurs "
    "fichiers sont produits en parallèle ; ce qui n'a pas changé depuis la dernière fois est "
    "sauté (--force refait tout) ; un fichier en erreur est signalé et les autres continuent. "
    "Code de sortie 0 si tout va bien, 3 si certains ont échoué, 1 si aucun n'a pu être "
    "produit.\n\nExemple : coconstruct render atelier.yaml -f html,pdf -o rapports --lang en",
    "Run the workshop live: one question at a time, every answer saved at once.\n\n"
    "Creates FILE when it is missing, otherwise resumes at the first question without an answer.\n"
    "Ctrl-B goes back, Ctrl-R sets a question aside to review later, Ctrl-C saves and quits.\n\n"
    "Example: coconstruct run atelier.yaml --lang fr": "Anime l'atelier en direct : une question à la fois, chaque réponse enregistrée aussitôt.\n\n"
    "Crée FICHIER s'il n'existe pas, sinon reprend à la première question sans réponse. "
    "Ctrl-B revient en arrière, Ctrl-R met une question « à revoir », Ctrl-C enregistre et "
    "quitte.\n\nExemple : coconstruct run atelier.yaml --lang fr",
    "Print the JSON Schema of an answers file, for editors (YAML language server).\n\n"
    "Example: coconstruct schema > coconstruct.schema.json": "Affiche le schéma JSON d'un fichier de réponses, pour les éditeurs (serveur de langage "
    "YAML).\n\nExemple : coconstruct schema > coconstruct.schema.json",
    "Edit answers without prompts, with the interview's checks; the rest is left untouched.\n\n"
    "Example: coconstruct set atelier.yaml population=23400 'needs[N2].priority=4'": "Modifie des réponses sans questions, avec les contrôles de l'entretien ; le reste du "
    "fichier est laissé tel quel.\n\n"
    "Exemple : coconstruct set atelier.yaml population=23400 'needs[N2].priority=4'",
    "Show where the workshop stands, for the projector: progress, needs, resources, money.\n\n"
    "Readable in 80 columns; from 140 columns the panels go side by side.\n\n"
    "Example: coconstruct show atelier.yaml --section besoins": "Montre où en est l'atelier, pour le vidéoprojecteur : avancement, besoins, ressources, "
    "financements.\n\nLisible sur 80 colonnes ; à partir de 140, les panneaux se mettent côte "
    "à côte.\n\nExemple : coconstruct show atelier.yaml --section besoins",
    "Copy the built-in report templates into a folder, to brand or rewrite them.\n\n"
    "A file in that folder overrides the built-in file of the same name when rendering with\n"
    "--templates; delete the ones you do not change, so they keep following coconstruct's "
    "updates.\n\nExample: coconstruct templates export ma-charte": "Copie les gabarits du rapport dans un dossier, pour les mettre à vos couleurs ou les "
    "réécrire.\n\nAvec --templates, un fichier de ce dossier remplace le gabarit intégré du "
    "même nom ; supprimez ceux que vous ne changez pas, ils suivront les mises à jour de "
    "coconstruct.\n\nExemple : coconstruct templates export ma-charte",
    "Check answers files: every problem as file:line:col: question: message.\n\n"
    "Exit 0 when no file has an error (warnings allowed), 1 otherwise. Missing required answers\n"
    "are warnings while a file's status is draft, errors once it is final.\n\n"
    "Example: coconstruct validate answers/*.yaml --format json": "Vérifie des fichiers de réponses : chaque problème en fichier:ligne:colonne: question: "
    "message.\n\nCode de sortie 0 si aucun fichier n'a d'erreur (les avertissements sont "
    "permis), 1 sinon. Une réponse obligatoire manquante est un avertissement tant que le "
    "fichier est en brouillon (draft), une erreur une fois final.\n\n"
    "Exemple : coconstruct validate reponses/*.yaml --format json",
    # options and arguments
    "Folder for the example.": "Dossier où écrire l'exemple.",
    "The answers file to create.": "Le fichier de réponses à créer.",
    "A built-in questionnaire id or a path to one.": "L'identifiant d'un questionnaire intégré ou le chemin d'un fichier.",
    "Language: fr or en.": "Langue : fr ou en.",
    "A questionnaire file.": "Un fichier de questionnaire.",
    "A built-in id or a path.": "Un identifiant intégré ou un chemin.",
    "Answers files, folders (searched recursively) or glob patterns.": "Fichiers de réponses, dossiers (parcourus en profondeur) ou motifs (*.yaml).",
    "Formats, comma-separated: md, html, pdf.": "Formats, séparés par des virgules : md, html, pdf.",
    "Output folder.": "Dossier de sortie.",
    "A folder of templates overriding the built-in ones by file name (see `templates export`).": "Un dossier de gabarits qui remplacent les gabarits intégrés du même nom (voir "
    "`templates export`).",
    "Worker processes (default: one per CPU).": "Processus de rendu (par défaut : un par cœur).",
    "Render even what is up to date.": "Produire aussi ce qui est déjà à jour.",
    "Seconds one document may take before it is stopped.": "Secondes accordées à un document avant de l'arrêter.",
    "Render only the K-th of N slices of the inputs, e.g. 2/8.": "Ne produire que la K-ième des N parts des fichiers, par exemple 2/8.",
    "Also write the summary as JSON to this file (- for stdout).": "Écrire aussi le bilan en JSON dans ce fichier (- pour la sortie standard).",
    "The answers file (created when missing).": "Le fichier de réponses (créé s'il n'existe pas).",
    "Start at this section (its id, e.g. besoins).": "Commencer à cette section (son identifiant, par exemple besoins).",
    "Ask only these questions, e.g. --ask population --ask 'needs[N2].priority' (repeat, or "
    "separate with commas).": "Ne poser que ces questions, par exemple --ask population --ask 'needs[N2].priority' "
    "(répétez l'option ou séparez par des virgules).",
    "The answers file to edit.": "Le fichier de réponses à modifier.",
    'PATH=VALUE, e.g. territory_name="Val d\'Orbière" needs[N2].priority=4 '
    "'needs[+].title=Eau potable'": 'CHEMIN=VALEUR, par exemple territory_name="Val d\'Orbière" needs[N2].priority=4 '
    "'needs[+].title=Eau potable'",
    "Set the file's status: draft or final.": "Changer le statut du fichier : draft ou final.",
    "The answers file to show.": "Le fichier de réponses à afficher.",
    "Show one section's answers in full.": "Afficher en entier les réponses d'une section.",
    "Where to copy the templates.": "Où copier les gabarits.",
    "Replace files already in the folder.": "Remplacer les fichiers déjà présents dans le dossier.",
    "Answers files to check.": "Fichiers de réponses à vérifier.",
    "Output: text or json.": "Sortie : text ou json.",
    "Pass over files that are not answers files (no `questionnaire:` header), as the pre-commit "
    "hook does.": "Passer les fichiers qui ne sont pas des fichiers de réponses (sans en-tête "
    "`questionnaire:`), comme le fait le crochet pre-commit.",
    "Show the version.": "Afficher la version.",
    "Show this message and exit.": "Afficher cette aide et quitter.",
}
