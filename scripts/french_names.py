#!/usr/bin/env python3
"""Write the ``name_fr`` column of the reference data in ``meetings/data/``.

The French short names of the States come from the ISO 3166-1 catalogue of Debian's
``iso-codes`` package (``apt-get install iso-codes``), read by alpha-3 code, then replaced by
the United Nations' own short form (UNTERM) where the two differ: ISO inverts some names
("Corée, République de") and keeps forms the UN does not use ("Birmanie", "Cap-Vert").
Observers, groups of States and rooms have no ISO name: their French is the UN's, below.

The CSV files are the shipped data; this script is run by hand when they change, never at
install. It stops on a State missing from the catalogue and on an inverted ISO form left
without a UN form, so a new State cannot slip in with a name the UN does not use.

    python3 scripts/french_names.py          # rewrite the CSV files
    python3 scripts/french_names.py --check  # exit 1 if a CSV file is not up to date
"""

import csv
import gettext
import io
import json
import sys
from pathlib import Path

ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
LOCALE_DIR = Path("/usr/share/locale")
DATA_DIR = Path(__file__).resolve().parent.parent / "meetings" / "data"

#: The UN's French short form where it differs from the ISO French name, by alpha-3 code.
UN_STATES = {
    "BOL": "Bolivie (État plurinational de)",
    "COG": "Congo",
    "CPV": "Cabo Verde",
    "FSM": "Micronésie (États fédérés de)",
    "GBR": "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    "GNQ": "Guinée équatoriale",
    "IRN": "Iran (République islamique d')",
    "IRQ": "Iraq",
    "KNA": "Saint-Kitts-et-Nevis",
    "KOR": "République de Corée",
    "LAO": "République démocratique populaire lao",
    "MDA": "République de Moldova",
    "MMR": "Myanmar",
    "NGA": "Nigéria",
    "NLD": "Pays-Bas (Royaume des)",
    "PRK": "République populaire démocratique de Corée",
    "PSE": "État de Palestine",
    "RUS": "Fédération de Russie",
    "SLB": "Îles Salomon",
    "SLV": "El Salvador",
    "SUR": "Suriname",
    "SYR": "République arabe syrienne",
    "TLS": "Timor-Leste",
    "TZA": "République-Unie de Tanzanie",
    "USA": "États-Unis d'Amérique",
    "VAT": "Saint-Siège",
    "VCT": "Saint-Vincent-et-les Grenadines",
    "VEN": "Venezuela (République bolivarienne du)",
    "VNM": "Viet Nam",
}

#: Observers (intergovernmental organizations, entities, UN offices), by code: the name and
#: its article.
UN_OBSERVERS = {
    "EU": ("Union européenne", "l'"),
    "AU": ("Union africaine", "l'"),
    "COE": ("Conseil de l'Europe", "le"),
    "ICRC": ("Comité international de la Croix-Rouge", "le"),
    "IFRC": (
        "Fédération internationale des Sociétés de la Croix-Rouge et du Croissant-Rouge",
        "la",
    ),
    "INTERPOL": ("Organisation internationale de police criminelle", "l'"),
    "IPU": ("Union interparlementaire", "l'"),
    "LAS": ("Ligue des États arabes", "la"),
    "OIC": ("Organisation de la coopération islamique", "l'"),
    "OIF": ("Organisation internationale de la Francophonie", "l'"),
    "SMOM": ("Ordre souverain militaire de Malte", "l'"),
    "ILO": ("Organisation internationale du Travail", "l'"),
    "IOM": ("Organisation internationale pour les migrations", "l'"),
    "OHCHR": ("Haut-Commissariat des Nations Unies aux droits de l'homme", "le"),
    "UNHCR": ("Haut-Commissariat des Nations Unies pour les réfugiés", "le"),
    "UNICEF": ("Fonds des Nations Unies pour l'enfance", "le"),
    "UNODC": ("Office des Nations Unies contre la drogue et le crime", "l'"),
    "UNWOMEN": (
        "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes "
        "(ONU-Femmes)",
        "l'",
    ),
}

#: Groups of States, by short name: the name, and "on behalf of" the group with its article.
UN_GROUPS = {
    "G77": ("Groupe des 77 et la Chine", "au nom du Groupe des 77 et de la Chine"),
    "AG": ("Groupe des États d'Afrique", "au nom du Groupe des États d'Afrique"),
    "ARAB": ("Groupe des États arabes", "au nom du Groupe des États arabes"),
    "AOSIS": (
        "Alliance des petits États insulaires",
        "au nom de l'Alliance des petits États insulaires",
    ),
    "LDC": ("Groupe des pays les moins avancés", "au nom du Groupe des pays les moins avancés"),
    "LLDC": (
        "Groupe des pays en développement sans littoral",
        "au nom du Groupe des pays en développement sans littoral",
    ),
    "NAM": ("Mouvement des pays non alignés", "au nom du Mouvement des pays non alignés"),
    "OIC": (
        "Organisation de la coopération islamique",
        "au nom de l'Organisation de la coopération islamique",
    ),
    "CARICOM": ("Communauté des Caraïbes", "au nom de la Communauté des Caraïbes"),
    "SICA": (
        "Système d'intégration de l'Amérique centrale",
        "au nom du Système d'intégration de l'Amérique centrale",
    ),
    "NORDIC": ("Pays nordiques", "au nom des pays nordiques"),
    "GOF-TIP": (
        "Groupe des Amis unis contre la traite des êtres humains",
        "au nom du Groupe des Amis unis contre la traite des êtres humains",
    ),
}

#: Rooms at Headquarters, by short name.
UN_ROOMS = {
    "GA Hall": "Salle de l'Assemblée générale",
    "Trusteeship Council": "Salle du Conseil de tutelle",
    "CR 8": "Salle de conférence 8",
}


#: The article of a State's French name ("le Bélarus", "la France", "l'Équateur", "les Philippines",
#: "Cuba"): names ending in -e are feminine, others masculine, a vowel elides, except these.
NO_ARTICLE = {
    "ATG", "BHR", "BRN", "CPV", "CUB", "CYP", "DJI", "HTI", "ISR", "KIR", "KNA", "LCA", "MCO",
    "MDG", "MLT", "MUS", "NRU", "OMN", "SGP", "SLV", "SMR", "STP", "TUV", "VCT",
}  # fmt: skip
PLURAL = {"ARE", "BHS", "COM", "FJI", "MDV", "MHL", "NLD", "PHL", "PLW", "SLB", "SYC", "TON", "USA"}
MASCULINE = {"BLZ", "GBR", "KHM", "MEX", "MOZ", "SUR", "TLS", "VAT", "ZWE"}
FEMININE = {"BOL", "FSM", "GNB", "GRD", "MKD", "RUS", "SLE", "TTO"}
VOWELS = "AEIOUYÉÈÊÎÔ"


def state_article(code: str, name: str) -> str:
    if code in NO_ARTICLE:
        return ""
    if code in PLURAL:
        return "les"
    if name[0] in VOWELS:
        return "l'"
    if code in MASCULINE:
        return "le"
    if code in FEMININE or name.split(" (")[0].split()[0].endswith("e"):
        return "la"
    return "le"


def iso_french_names() -> dict[str, str]:
    """The ISO 3166-1 French name of every country, by alpha-3 code."""
    catalogue = gettext.translation("iso_3166-1", LOCALE_DIR, languages=["fr"])
    countries = json.loads(ISO_JSON.read_text(encoding="utf-8"))["3166-1"]
    return {c["alpha_3"]: catalogue.gettext(c["name"]) for c in countries}


def state_name(code: str, iso: dict[str, str]) -> str:
    if code in UN_STATES:
        return UN_STATES[code]
    if code not in iso:
        raise SystemExit(f"{code}: not in the ISO 3166-1 catalogue; add its UN form to UN_STATES")
    name = iso[code]
    if "," in name:
        raise SystemExit(f"{code}: the ISO form {name!r} is inverted; add the UN form to UN_STATES")
    return name


def state_columns(code: str, iso: dict[str, str]) -> dict[str, str]:
    name = state_name(code, iso)
    return {"name_fr": name, "article_fr": state_article(code, name)}


def with_french(filename: str, key: str, french) -> str:
    """The CSV file's text with its French columns (after ``name``) filled by ``french``.

    ``french(row[key])`` returns the French columns of the row: ``{"name_fr": …}``.
    """
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    added = [{**row, **french(row[key])} for row in rows]
    french_columns = list(french(rows[0][key]))
    columns = [c for c in rows[0] if c not in french_columns]
    position = columns.index("name") + 1
    columns[position:position] = french_columns
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(added)
    return out.getvalue()


def main(argv: list[str]) -> int:
    iso = iso_french_names()
    sources = {
        "member_states.csv": ("iso3", lambda code: state_columns(code, iso)),
        "observers.csv": (
            "code",
            lambda code: dict(zip(("name_fr", "article_fr"), UN_OBSERVERS[code], strict=True)),
        ),
        "groups_of_states.csv": (
            "short_name",
            lambda code: dict(zip(("name_fr", "on_behalf_fr"), UN_GROUPS[code], strict=True)),
        ),
        "rooms.csv": ("short_name", lambda code: {"name_fr": UN_ROOMS[code]}),
    }
    files = {name: with_french(name, key, french) for name, (key, french) in sources.items()}
    stale = []
    for filename, text in files.items():
        path = DATA_DIR / filename
        if path.read_text(encoding="utf-8") != text:
            stale.append(filename)
            if "--check" not in argv:
                path.write_text(text, encoding="utf-8")
    if "--check" in argv and stale:
        print("Not up to date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
