"""Words for the people around a child: English, police-note abbreviations, and the words
families at these callouts use (Polish, Romanian, Lithuanian, Urdu / Punjabi / Hindi,
Bengali, Arabic, Somali, Portuguese, Spanish, Turkish, Kurdish), folded (no diacritics).

Each word belongs to one group; `interpreters` names the group when it refuses an interpreter,
`people` tags the adult words when it reads a reason.
"""

from __future__ import annotations

from collections.abc import Iterable

from officer_app.wording.text import fold


def _folded(items: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in items)


# fmt: off
# Adults in the child's family or household, as an officer writes them in English.
PARENTS = _folded((
    "mother", "mum", "mom", "mam", "mama", "mammy", "mummy", "mommy", "mamma", "ma", "mumma",
    "muma", "mummie", "mothers", "mums", "moms", "mun", "muum", "mumy", "mither", "mothr",
    "mther", "mohter", "muther",
    "father", "dad", "daddy", "papa", "pa", "dada", "fathers", "dads", "farther", "fahter",
    "fther", "fater", "parent", "parents", "carer", "carers", "guardian", "guardians",
    "stepfather", "stepmother", "stepdad", "stepmum", "stepmom", "stepparent", "stepparents",
    "m/o", "f/o",
))
GRANDPARENTS = _folded((
    "grandmother", "grandfather", "grandma", "grandpa", "nan", "nana", "nanna", "nanny", "nans",
    "gran", "granny", "grandad", "granddad", "grandparent", "grandparents", "gramps", "nanan",
    "grandmothers", "grandads", "grannie",
))
PARTNERS = _folded((
    "partner", "boyfriend", "girlfriend", "bf", "gf", "husband", "wife", "fiance", "fiancee",
    "ex", "expartner", "exhusband", "exwife", "spouse",
))
RELATIVES = _folded((
    "aunt", "aunty", "auntie", "uncle", "cousin", "relative", "relatives", "relation", "inlaw",
    "niece", "nephew", "godmother", "godfather", "godparent", "family",
))
SIBLINGS = _folded((
    "brother", "sister", "sibling", "siblings", "bro", "sis", "son", "daughter", "stepbrother",
    "stepsister", "halfbrother", "halfsister", "twin",
))
NEIGHBOURS = _folded(("neighbour", "neighbor", "neighbours", "neighbors", "nieghbour",
                        "neighbur", "neigbour", "nextdoor"))
FRIENDS = _folded(("friend", "friends", "mate", "pal", "freind", "frend", "acquaintance",
                     "babysitter", "childminder", "sitter"))
HOUSEHOLD = _folded(("landlady", "landlord", "household", "carer", "aupair", "au pair",
                     "nanny", "housekeeper", "cleaner"))
CHILDREN = _folded(("boy", "girl", "lad", "lass", "teenager", "teen", "kid", "youngster",
                    "minor", "juvenile", "pupil", "child", "schoolboy", "schoolgirl"))
LODGERS = _folded((
    "wspollokator", "lokator", "lodger", "lodgers", "housemate", "flatmate", "roommate",
    "tenant", "subtenant", "houseguest", "guest", "visitor",
))
VICTIM = _folded(("victim", "vic", "ip", "vp", "ap", "complainant", "aggrieved"))
SUSPECT = _folded(("suspect", "susp", "sus", "dp", "perpetrator", "perp", "offender",
                     "accused", "aggressor", "abuser"))

# The same relationships in the languages families speak, transliterated and folded.
FOREIGN_PARENTS = _folded((
    # Polish
    "matka", "mamusia", "mamo", "tata", "tato", "tatus", "ojciec", "ojczym", "macocha",
    "rodzice", "rodzic", "matki", "ojca", "taty", "mamy", "mamie", "tacie",
    # Romanian
    "mama", "mamica", "tata", "tatal", "mamă", "tati", "parinti",
    # Lithuanian
    "motina", "mamyte", "tevas", "tetis", "tevai",
    # Urdu / Punjabi / Hindi / Bengali
    "ammi", "ammijan", "ami", "amma", "ammu", "abbu", "abba", "abbaji", "abbajan", "pitaji",
    "mataji", "maa", "mai", "pita", "baap", "bapu", "papaji", "mummyji", "abbo",
    # Arabic
    "umm", "ummi", "ommi", "oummi", "abi", "abuya", "walida", "walid", "ab",
    # Somali
    "hooyo", "aabbe", "aabo", "aabe", "abo",
    # Portuguese / Spanish
    "mae", "mamae", "pai", "papai", "madre", "padre", "mami", "papi", "padres", "pais",
    # Turkish / Kurdish
    "anne", "anneanne", "baba", "babam", "annem", "dayik", "bav", "bavo", "daya", "dayka",
))
FOREIGN_GRANDPARENTS = _folded((
    "babcia", "babci", "dziadek", "dziadzio", "bunica", "bunicul", "bunic", "mociute",
    "mociutė", "senele", "senelis", "nani", "nana", "dadi", "dada", "nanu", "nanaji", "daadi",
    "thakuma", "dadu", "jadda", "jaddah", "jiddo", "teta", "sitto", "ayeeyo", "awoowe", "avo",
    "avoa", "abuela", "abuelo", "babaanne", "dede", "nene", "ninê", "bapir", "dapir",
))
FOREIGN_SIBLINGS = _folded((
    "brat", "brata", "braciszek", "siostry", "siostrze", "siostra", "siostrzyczka", "frate",
    "fratele", "sora", "sorä", "brolis", "sesuo", "sesute", "bhai", "bhaiya", "bhaijan",
    "bhaijaan", "baji", "apa", "api", "aapi", "baaji", "didi", "behen", "bahin", "bon", "dada",
    "akh", "akhi", "ukht", "ukhti", "walaal", "walaalo", "abaayo", "irmao", "irma", "hermano",
    "hermana", "kardes", "kardesim", "abla", "agabey", "abi", "abim", "bira", "xwisk", "xweh",
))
FOREIGN_RELATIVES = _folded((
    "ciocia", "cioci", "ciotka", "wujek", "wujka", "kuzyna", "kuzynki", "babci", "dziadka",
    "wuj", "stryj", "stryjek", "kuzyn", "kuzynka", "szwagier", "szwagierka", "tesciowa",
    "matusa", "matusa", "unchi", "unchiul", "var", "vara", "tanti", "teta", "dede", "dedas",
    "pusbrolis", "pusseserė", "chacha", "chachi", "chachu", "khala", "khalu", "khalo", "mamu",
    "mamoo", "mami", "mumani", "phupho", "phuppi", "phupha", "tayi", "taya", "bua", "mausi",
    "masi", "kaka", "kaki", "khalti", "ammo", "amm", "khal", "khalo", "eedo", "habaryar",
    "adeer", "phuppo", "phupo", "phuphi", "phupi", "fufu", "kuzen", "verisoara", "verisor",
    "tesc", "rishtedar", "rishtedaar", "khalto", "amto", "bhabi", "bhabhi", "bhabhee", "bhaabi",
    "nanad", "devar", "jeth", "saali", "sali", "saala", "sala", "jija", "jijaji", "behnoi",
    "bahu", "damad", "sasur", "saas", "boudi", "bhabi", "abti", "tia", "tio", "prima", "primo",
    "teyze", "amca", "dayi", "hala", "yenge", "enişte", "eniste", "xal", "xaltî", "met", "apo",
))
FOREIGN_NEIGHBOURS = _folded((
    "sasiad", "sasiada", "sasiadki", "sasiadka", "sasiedzi", "vecin", "vecina", "vecinul",
    "kaimynas", "kaimyne", "parosi", "padosi", "hamsaya", "pratibeshi", "jaar", "jar", "jaara",
    "deris", "vizinho", "vizinha", "vecino", "komsu", "cîran", "ciran",
))
FOREIGN_FRIENDS = _folded((
    "przyjaciel", "przyjaciolka", "kolega", "kolezanka", "znajomy", "znajoma", "prieten",
    "prietena", "saheli", "draugas", "drauge", "dost", "dosti", "yaar", "bondhu", "sadiq",
    "sadiqa", "saaxiib", "saaxiibad", "amigo", "amiga", "arkadas", "heval",
))
# fmt: on

FOREIGN = (
    FOREIGN_PARENTS
    | FOREIGN_GRANDPARENTS
    | FOREIGN_SIBLINGS
    | FOREIGN_RELATIVES
    | FOREIGN_NEIGHBOURS
    | FOREIGN_FRIENDS
)
# Foreign kin words that are also ordinary given names or surnames of interpreters and
# officers (Anne Smith, Ms Baba, Magdalena Mama, Nani Okafor): a relative only when written
# as a word (lower case, or after 'my', 'his', 'the'...), never after a title or before a name.
NAME_LIKE = _folded(
    (
        "anne", "baba", "mama", "mami", "dada", "didi", "abi", "abba", "teta", "prima", "tia",
        "tio", "sora", "nani", "nana", "bon", "var", "met", "apo", "hala", "kaka", "mai",
        "pita", "api", "apa", "bua", "masi", "ab", "amm", "jar", "daya", "bav", "dede", "avo",
        "pai", "pais", "ami", "maa", "amma", "nene", "xal", "abo", "mae", "irma", "madre",
        "padre", "khal", "umm", "taya", "tayi", "bira", "walid", "ma", "pa", "sis", "bro", "ex",
        "mate", "pal", "guest", "visitor", "family", "twin", "son", "bf", "gf", "ap", "ip", "vp",
        "vic", "sus", "dp", "perp", "amca", "abla", "abti", "eedo", "dost", "yaar",
    )
)  # fmt: skip

# Adults a reason may rest on (for `accounts`): every adult word above except siblings and
# children, plus the foreign words for parents and grandparents.
ADULT_KIN = (
    PARENTS
    | GRANDPARENTS
    | PARTNERS
    | (RELATIVES - {"cousin", "niece", "nephew", "family"})
    | VICTIM
    | SUSPECT
    | FOREIGN_PARENTS
    | FOREIGN_GRANDPARENTS
) - {"ma", "pa", "dada", "ex", "ab", "abi", "abo", "mai", "ami", "anne", "var", "bav",
     "pai", "pais", "sus", "ap", "bon", "maa", "mae", "madre", "padre", "umm", "walid",
     "amma", "pita", "daya", "avo", "nene", "mami", "api"}  # fmt: skip


def prefixed(word: str) -> str | None:
    """The foreign kin word (5 letters or more) that `word` is an inflected form of:
    'walaalkeed' (her sibling) -> 'walaal', 'hooyada' -> 'hooyo' is not (spelling changes)."""
    if len(word) < 6:
        return None
    for stem in _STEMS.get(word[:5], ()):
        if word.startswith(stem) and len(word) - len(stem) <= 5:
            return stem
    return None


_STEMS: dict[str, tuple[str, ...]] = {}
for _w in sorted(FOREIGN, key=len, reverse=True):
    if len(_w) >= 5 and _w not in NAME_LIKE:
        _STEMS[_w[:5]] = (*_STEMS.get(_w[:5], ()), _w)
