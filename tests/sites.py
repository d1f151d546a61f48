"""Sites written for the layout tests (issue 22): one département at full scale, generated, and
three small partial sites, as a consultant enters them (few sections, long names).

`departement()` gives the answers of a département's roadmap with up to 100 needs, 60 partners and
80 actions: every list as long as the issue's real case (82 needs, 52 partners, 61 actions) or
longer, the fields as a consultant fills them (not every one), drawn from a seeded generator so
that every run lays out the same pages. `python tests/sites.py DIR` writes the four files, to
look at their roadmaps (`coconstruct render DIR/*.yaml -f pdf`).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ATTITUDES = ["champion", "soutien", "neutre", "reserve", "opposant"]
HEAD = "questionnaire: territoire\nquestionnaire_version: 2\nlanguage: {lang}\nstatus: draft\n"

_THEMES = [
    ("Se déplacer sans voiture", "societal"),
    ("Loger les jeunes actifs", "social"),
    ("Rompre l'isolement des personnes âgées", "social"),
    ("Accéder à une alimentation de qualité", "social"),
    ("Recruter localement", "economique"),
    ("Partager la ressource en eau", "environnemental"),
    ("Réduire la fracture numérique", "societal"),
    ("S'adapter aux canicules", "environnemental"),
    ("Maintenir les commerces de centre-bourg", "economique"),
    ("Accéder aux soins de premier recours", "social"),
    ("Engager les jeunes dans la vie associative", "societal"),
    ("Rénover les logements énergivores", "environnemental"),
    ("Garder les enfants en horaires décalés", "social"),
    ("Former aux métiers en tension", "economique"),
    ("Valoriser les déchets du BTP", "environnemental"),
    ("Accompagner les aidants familiaux", "social"),
]
_PLACES = [
    "du plateau",
    "de la vallée",
    "des bourgs-centres",
    "du littoral",
    "des quartiers prioritaires",
    "du bassin minier",
    "des communes rurales",
    "de l'agglomération",
    "du pays des Sources",
    "de la montagne",
]
_KINDS = [
    "association",
    "entreprise",
    "collectivite",
    "etat",
    "recherche",
    "fondation",
    "media",
    "citoyens",
    "expert",
    "siae",
    "ebe",
    "cooperative",
    "bailleur_social",
    "securite_sociale",
    "fonds_reseau",
    "etablissement_scolaire",
]
_ORGS = [
    "Association",
    "Coopérative",
    "Fondation",
    "Communauté de communes",
    "Entreprise d'insertion",
    "Centre social",
    "Mission locale",
    "Régie de quartier",
    "Lycée professionnel",
    "Office HLM",
]
_VERBS = [
    "Créer",
    "Étendre",
    "Expérimenter",
    "Structurer",
    "Ouvrir",
    "Financer",
    "Mutualiser",
    "Accompagner",
    "Former",
    "Animer",
]
_OBJECTS = [
    "un service de transport à la demande",
    "une plateforme de covoiturage solidaire",
    "une résidence pour jeunes actifs",
    "des visites de convivialité",
    "une épicerie itinérante",
    "un plan de partage de l'eau",
    "des conseillers numériques itinérants",
    "des îlots de fraîcheur dans les écoles",
    "une boutique à l'essai",
    "une maison de santé pluriprofessionnelle",
    "un service civique de territoire",
    "un guichet de la rénovation",
    "une crèche à horaires atypiques",
    "un groupement d'employeurs",
    "une recyclerie du bâtiment",
    "une plateforme de répit",
]
_FUNDERS = [
    ("Conseil départemental", "subventions", "public"),
    ("Région", "appels_a_projets", "public"),
    ("État, fonds vert", "appels_a_projets", "public"),
    ("CAF", "subventions", "public"),
    ("Fondation de France", "mecenat", "prive"),
    ("Banque des territoires", "prets_participations", "prive"),
    ("Mécénat d'entreprises", "mecenat", "prive"),
    ("Ventes et prestations", "ventes_prestations", "revenus_activite"),
    ("Cotisations des membres", "cotisations", "revenus_activite"),
    ("Dons des particuliers", "dons", "prive"),
    ("Communes", "commande_publique", "public"),
]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ids(prefix: str, numbers: list[int]) -> str:
    return "[" + ", ".join(f"{prefix}{n}" for n in numbers) + "]"


def departement(
    needs: int = 92, partners: int = 58, actions: int = 76, *, seed: int = 22, lang: str = "fr"
) -> str:
    """A département's answers: `needs`, `partners` and `actions` items, most fields answered."""
    rng = random.Random(seed)
    out = [HEAD.format(lang=lang), "answers:\n"]
    add = out.append
    add(
        "  workshop_title: \"Feuille de route départementale de l'économie sociale et solidaire "
        'et des coopérations territoriales 2027-2032"\n'
    )
    add("  territory_name: Département de l'Orbière-et-Vallées-des-Sources\n")
    add("  perimeter_type: departement\n  population: 512400\n")
    add("  population_year: 2021\n  facilitator: Agence départementale d'ingénierie sociale\n")
    add("  workshop_date: 2026-11-19\n  stage: nouvelles_alliances\n")
    add("  sources:\n")
    for n in range(1, 9):
        add(
            f"    - id: S{n}\n      title: Rapport d'activité {2016 + n} du réseau départemental\n"
            f"      publisher: Réseau ESS de l'Orbière\n      date: {2017 + n}-06\n"
        )
    add(
        "  context: |\n    Un département de 512 400 habitants, 390 communes, des vallées "
        "industrielles et un plateau rural.\n"
    )
    add("  needs:\n")
    for n in range(1, needs + 1):
        theme, domain = _THEMES[(n - 1) % len(_THEMES)]
        place = _PLACES[(n - 1) // len(_THEMES) % len(_PLACES)]
        add(f"    - id: N{n}\n      title: {_quote(f'{theme} {place}')}\n      domain: {domain}\n")
        if n % 9:  # a few needs are only a title, as in a real workshop
            add(f"      priority: {rng.randint(1, 5)}\n      urgency: {rng.randint(1, 5)}\n")
            add(f"      trend: {rng.choice(['forte_hausse', 'hausse', 'stable', 'baisse'])}\n")
        if n % 4:
            add(f"      people_concerned: {rng.randint(1, 400) * 25}\n")
        if n % 3 == 0:
            add(f"      public: {_quote('Habitants ' + place)}\n")
        if n % 5 == 0:
            add(f"      sources: [S{1 + n % 8}]\n")
        add(f"      votes: {rng.randint(0, 7)}\n")
    add("  vote_date: 2026-11-19\n  vote_voters: 140\n  vote_dots: 5\n")
    add("  resources:\n")
    for n in range(1, 31):
        kind = ("naturelle", "financiere", "humaine")[n % 3]
        add(
            f"    - id: R{n}\n      title: {_quote(f'Ressource {n} {_PLACES[n % len(_PLACES)]}')}\n"
            f"      type: {kind}\n      availability: {rng.randint(1, 5)}\n"
            f"      trend: {rng.choice(['hausse', 'stable', 'baisse', 'forte_baisse'])}\n"
        )
    add("  staff_fte: 0\n  volunteers: 1\n  civic_service: 0\n")
    add("  partners:\n")
    for n in range(1, partners + 1):
        kind = _KINDS[(n - 1) % len(_KINDS)]
        name = f"{_ORGS[n % len(_ORGS)]} {_PLACES[n % len(_PLACES)]} n° {n}"
        served = sorted(rng.sample(range(1, needs + 1), rng.randint(0, 6)))
        add(
            f"    - id: P{n}\n      name: {_quote(name)}\n      actor_type: {kind}\n"
            f"      alliance_form: {rng.choice(['mecenat', 'pratiques_responsables', 'cooperation_economique', 'innovation_societale'])}\n"  # noqa: E501
            f"      commitment: {rng.choice(['informe', 'consulte', 'implique', 'co_porteur'])}\n"
            f"      power: {rng.randint(1, 5)}\n      interest: {rng.randint(1, 5)}\n"
            f"      attitude: {rng.choice(ATTITUDES)}\n"
        )
        if served:
            add(f"      needs_addressed: {_ids('N', served)}\n")
    add("  budget_year: 2027\n  funding:\n")
    for n in range(1, 25):
        funder, source, family = _FUNDERS[n % len(_FUNDERS)]
        add(
            f"    - id: F{n}\n      funder: {_quote(f'{funder} ({n})')}\n      source: {source}\n"
            f"      family: {family}\n      amount: {rng.randint(2, 400) * 1000}\n"
            f"      recurrence: {rng.choice(['recurrent', 'ponctuel'])}\n"
            f"      secured: {'true' if n % 3 else 'false'}\n"
        )
    add(
        "  resource_model: cofinancement\n  target_year: 2030\n  target_public_share: 50\n"
        "  target_private_share: 30\n  target_earned_share: 20\n"
    )
    add(
        "  vision: |\n    Un département où chacun trouve sa place.\n  sdgs: [odd1, odd3, odd8, "
        "odd10, odd11, odd13, odd17]\n  axes:\n"
    )
    axes = 8
    for n in range(1, axes + 1):
        add(f"    - id: X{n}\n      title: {_quote(f'Axe {n} : {_THEMES[n][0]}')}\n")
    add("  actions:\n")
    for n in range(1, actions + 1):
        verb, thing = _VERBS[n % len(_VERBS)], _OBJECTS[n % len(_OBJECTS)]
        title = f"{verb} {thing} {_PLACES[n % len(_PLACES)]}"
        start_year = 2025 + rng.randint(0, 4)
        month = rng.randint(1, 12)
        start = f"{start_year}-{month:02d}"
        end_year, end_month = start_year + rng.randint(0, 3), rng.randint(1, 12)
        end_month = max(end_month, month) if end_year == start_year else end_month
        add(
            f"    - id: A{n}\n      title: {_quote(title)}\n      axis: X{1 + n % axes}\n"
            f"      needs_served: {_ids('N', sorted(rng.sample(range(1, needs + 1), 2)))}\n"
            f"      leads: [P{1 + n % partners}]\n"
            f"      partners: {_ids('P', sorted(rng.sample(range(1, partners + 1), 3)))}\n"
            f"      horizon: {rng.choice(['court_terme', 'moyen_terme', 'long_terme'])}\n"
        )
        if n % 7:  # a few actions have no dates
            add(f"      start: {start}\n")
            if n % 5:
                add(f"      end: {end_year}-{end_month:02d}\n")
        if n % 6:
            add(f"      budget: {rng.randint(5, 600) * 1000}\n")
        add(f"      status: {rng.choice(['a_lancer', 'en_cours', 'realisee', 'suspendue'])}\n")
    add("  review_frequency: trimestrielle\n  indicators:\n")
    for n in range(1, 13):
        add(
            f"    - id: Ind{n}\n      title: {_quote(f'Indicateur {n} : personnes accompagnées')}\n"
            f"      unit: personnes\n      baseline: {n * 10}\n      baseline_date: 2025\n"
            f"      target: {n * 50}\n      target_date: 2030\n      actions: [A{n}]\n"
        )
    add("  measures:\n")
    for n in range(1, 13):
        add(
            f"    - id: Mes{n}\n      indicator: Ind{n}\n      date: 2026-06\n"
            f"      value: {n * 20}\n"
        )
    add("  risks:\n")
    for n in range(1, 15):
        add(
            f"    - id: K{n}\n      title: {_quote(f'Risque {n} : retard du financement')}\n"
            f"      likelihood: {rng.randint(1, 5)}\n      impact: {rng.randint(1, 5)}\n"
        )
    add("  next_meeting: 2027-01-21\n")
    return "".join(out)


DATA = Path(__file__).parent / "data" / "layout"
#: Three small sites as a consultant starts them (tests/data/layout): a few sections answered,
#: long territory names and titles.
PARTIAL = ("partiel-besoins", "partiel-plan", "partiel-acteurs")


def write_all(folder: Path) -> list[Path]:
    """The four sites as answers files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "departement.yaml"]
    paths[0].write_text(departement(), encoding="utf-8")
    for name in PARTIAL:
        paths.append(folder / f"{name}.yaml")
        paths[-1].write_bytes((DATA / f"{name}.yaml").read_bytes())
    return paths


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1])):
        print(path)
