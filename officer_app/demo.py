"""Realistic, varied demo checklists for training, screenshots and trying the app out.

Families with names from several languages, some addresses attended more than once, children
of every kind the checklist handles (spoken to alone, not alone, pre-verbal, away from home,
unborn), and every state the app knows. Submitted demo checklists pass every rule.

A new demo file also gets three accounts, demo.officer, demo.supervisor and demo.admin, with
one password (`add_demo_accounts`); the checklists are demo.officer's, and the supervisor has
reviewed some: submitted ones wait in the queue, others were returned, approved or sent.

They go only into a demo database (officer_app.demo_mark): a new, empty file is marked as one
before the first demo checklist is saved, and a database holding real checklists is refused.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from officer_app import review, states
from officer_app.checklist import Checklist, new_uid
from officer_app.definition import RiskTool
from officer_app.demo_mark import mark_demo
from officer_app.library import Library
from officer_app.permissions import ADMINISTRATOR, OFFICER, SUPERVISOR, User
from officer_app.review.items import NO, YES, supervisor_checklist
from officer_app.settings import Settings
from officer_app.store import Store
from officer_app.workflow import new_draft

DEMO_OFFICER = User("demo.officer", OFFICER)
DEMO_SUPERVISOR = User("demo.supervisor", SUPERVISOR)
DEMO_ADMIN = User("demo.admin", ADMINISTRATOR)
DEMO_USERS = (DEMO_OFFICER, DEMO_SUPERVISOR, DEMO_ADMIN)

FAMILIES = [  # surname, language, adult first names (f, m), child first names
    ("Łuczak", "Polish", ("Anna", "Marek"), ("Kacper", "Zofia", "Jakub", "Lena")),
    ("Krężołek", "Polish", ("Małgorzata", "Paweł"), ("Oliwia", "Szymon", "Antoni")),
    ("Hussain", "Urdu", ("Ayesha", "Imran"), ("Zainab", "Bilal", "Maryam")),
    ("Popescu", "Romanian", ("Ioana", "Andrei"), ("Ștefan", "Alexandra", "Mihai")),
    ("Warsame", "Somali", ("Hodan", "Abdi"), ("Ayaan", "Hamza", "Sagal")),
    ("Kazlauskas", "Lithuanian", ("Rūta", "Tomas"), ("Gabija", "Lukas")),
    ("Smith", "English", ("Leanne", "Craig"), ("Tyler", "Mia", "Alfie", "Poppy")),
    ("O'Connor", "English", ("Siobhan", "Declan"), ("Niamh", "Cian")),
    ("Oliveira", "Portuguese", ("Joana", "Tiago"), ("Beatriz", "Gonçalo")),
    ("Al-Rashid", "Arabic", ("Fatima", "Omar"), ("Yusuf", "Layla", "Noor")),
    ("Nguyễn", "Vietnamese", ("Thảo", "Minh"), ("Linh", "Bảo")),
    ("Dvořák", "Czech", ("Kateřina", "Jiří"), ("Tereza", "Ondřej")),
]
STREETS = [
    ("14 Smith & Dawes Road, Coventry", "CV1 5FB"),
    ("Flat 3, Łąkowa Court, Foleshill Road, Coventry", "CV6 5AB"),
    ("27 Jubilee Crescent, Radford, Coventry", "CV6 3EX"),
    ("9 Cedars Avenue, Coventry", "CV6 1DT"),
    ("112 Stoney Stanton Road, Coventry", "CV1 4FS"),
    ("4 Templar Avenue, Tile Hill, Coventry", "CV4 9DF"),
    ("Flat 11, Meadow House, Spon End, Coventry", "CV1 3HH"),
    ("63 Lower Ford Street, Coventry", "CV1 5PW"),
]
OFFICERS = [
    ("PC Sarah Okafor", "4471"),
    ("PC Tomasz Wiśniewski", "5120"),
    ("PC Priya Raman", "3398"),
    ("PC Gareth Lloyd", "2876"),
    ("PC Chloé Martin", "6012"),
    ("PC Dariusz Kowalczyk", "4719"),
]
OWN_WORDS = [
    "Daddy was shouting and mummy was crying. I put my hands on my ears.",
    "I heard a bang and I hid in the wardrobe with my teddy. I don't like it when he drinks.",
    "He pushed mum into the door. I told him to stop & he said go to your room.",
    "I'm not allowed to say. Mum said the police take children away.",
    "It happens when he comes home late. I look after my little sister when they fight.",
    "I was scared. I want to stay at nan's house.",
]


def add_demo_checklists(
    store: Store, library: Library, settings: Settings, count: int, seed: int = 2012
) -> list[int]:
    """Add `count` demo checklists to the store; returns their ids. The store is marked as a
    demo database first; one that holds real checklists is refused (RealDataError, nothing
    changed)."""
    mark_demo(store)
    rng = random.Random(seed)
    tool = library.risk_tool(settings.risk_tool)
    start = datetime(2026, 11, 21, 22, 40)
    ids: list[int] = []
    signed_in = store.user
    try:
        for n in range(count):
            checklist = _demo_checklist(
                rng, library, settings, tool, start - timedelta(hours=n * 31), n
            )
            checklist.owner = DEMO_OFFICER.name
            store.sign_in(None)  # the maintenance access: demo data keeps its own dates
            store.save(checklist)
            assert checklist.id is not None  # saved
            _demo_review(store, library, checklist, n)
            ids.append(checklist.id)
    finally:
        store.sign_in(signed_in)
    return ids


def add_demo_accounts(store: Store, password: str) -> None:
    """demo.officer, demo.supervisor and demo.admin, each with `password`."""
    mark_demo(store)
    admin = store.create_first_admin(DEMO_ADMIN.name, password)
    signed_in = store.user
    store.sign_in(admin)
    try:
        for user in (DEMO_OFFICER, DEMO_SUPERVISOR):
            store.add_user(user.name, user.role, password)
    finally:
        store.sign_in(signed_in)


# n % 6 -> what the supervisor did with a submitted demo checklist (n % 3 == 0 are drafts)
_DECISIONS = {1: "", 2: "approve", 4: "return", 5: "send"}


def _demo_review(store: Store, library: Library, checklist: Checklist, n: int) -> None:
    decision = _DECISIONS.get(n % 6, "")
    if checklist.state != states.SUBMITTED or not decision:
        return
    store.sign_in(DEMO_SUPERVISOR)
    if decision == "return":
        review.return_for_changes(
            store,
            checklist,
            [("children[0].own_words", "Write down what the child said, word for word.")],
        )
        return
    items = {item.id: {"answer": YES} for item in supervisor_checklist().items}
    items["coercive_control"] = {"answer": NO, "note": "Not asked; do so at the follow-up."}
    grade = checklist.get("risk.officer_grade") or "standard"
    review.approve(
        store,
        checklist,
        library,
        agreed_grade=grade,
        items=items,
        grade_rationale="Agreed with the officer.",
    )
    if decision == "send":
        store.sign_in(DEMO_ADMIN)
        checklist.state = states.SENT
        store.save(checklist, action="send", detail="demo: sent to the MASH")


def _demo_checklist(rng, library, settings, tool, call: datetime, n: int) -> Checklist:
    checklist = new_draft(library, settings)
    surname, language, (mother, father), names = FAMILIES[n % len(FAMILIES)]
    address, postcode = STREETS[rng.randrange(len(STREETS))]  # repeats: 8 streets
    children = [
        _child(rng, f"{name} {surname}", language, call, i)
        for i, name in enumerate(rng.sample(names, rng.randint(1, min(3, len(names)))))
    ]
    data = checklist.data
    data["incident"] = _incident(rng, call, address, postcode, n)
    data["children"] = children
    data["adults"] = _adults(rng, surname, language, mother, father, children)
    data["risk"] = _risk(rng, tool)
    data["actions"] = _actions(rng)
    officer = OFFICERS[n % len(OFFICERS)]
    data["officer"] = {
        "name": officer[0],
        "collar_number": officer[1],
        "station": "Coventry Central",
        "completed_at": _stamp(call + timedelta(hours=3)),
    }
    checklist.created_at = _stamp(call + timedelta(minutes=40)) + ":00+00:00"
    if n % 3 == 0:
        _make_unfinished(rng, checklist)
    else:
        checklist.state = "submitted"
        checklist.submitted_at = _stamp(call + timedelta(hours=3)) + ":00+00:00"
    return checklist


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _incident(rng, call: datetime, address: str, postcode: str, n: int) -> dict:
    first, second = rng.sample(OFFICERS, 2)
    return {
        "reference": f"CV-{1000 + n * 7:04d}-{call:%d%m%y}",
        "call_time": _stamp(call),
        "arrival_time": _stamp(call + timedelta(minutes=rng.randint(6, 45))),
        "address": address,
        "postcode": postcode,
        "officers": [
            {"uid": new_uid(), "name": o[0], "collar_number": o[1]} for o in (first, second)
        ],
        "bwv": "yes",
        "bwv_reference": f"BWV-{first[1]}-{call:%Y%m%d-%H%M}",
        "history_check": "yes",
        "history_check_result": rng.choice(
            [
                "No previous incidents recorded at the address.",
                "Two domestic incidents at this address in the last 12 months; no orders in force.",
                "Previous MARAC referral in March 2026; non-molestation order expired.",
            ]
        ),
        "intel_checks": [
            {
                "uid": new_uid(),
                "system": "pnc",
                "result": "Suspect: one previous conviction for assault.",
                "checked_at": _stamp(call + timedelta(minutes=50)),
            },
            {
                "uid": new_uid(),
                "system": "child_protection",
                "result": rng.choice(
                    [
                        "Children not known to children's social care.",
                        "Open child-in-need plan for the eldest child.",
                    ]
                ),
                "checked_at": _stamp(call + timedelta(minutes=70)),
            },
        ],
    }


def _child(rng, name: str, language: str, call: datetime, index: int) -> dict:
    """One child; the kind (spoken to alone, not alone, infant, away) varies with the dice."""
    kind = rng.choice(["alone", "alone", "not_alone", "infant", "away"]) if index else "alone"
    # infants of 19 to 23 months, pre-verbal as toddlers that age often are: a baby under 18
    # months would make the new-baby risk question count
    age = rng.randint(5, 15)
    born = f"{call.year - age - 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "infant":
        born = (call - timedelta(days=rng.randint(580, 700))).date().isoformat()
    english = language == "English"
    child = {
        "uid": new_uid(),
        "status": "born",
        "name": name,
        "dob": born,
        "sex": rng.choice(["female", "male"]),
        "usually_lives_here": "yes",
        "school": "None (infant)"
        if kind == "infant"
        else rng.choice(
            ["St Mary & St John Primary School", "Whitley Academy", "Little Acorns Nursery"]
        ),
        "health": "Foleshill Health Centre",
        "first_language": language,
        "injuries": "None seen.",
        "home_conditions": "Living room untidy; broken mug on the floor.",
        "sleeping": "Own bed in a shared bedroom.",
        "parent_account": "Mother said the children were asleep and heard nothing.",
        "officer_view": "The children are exposed to repeated shouting at night.",
    }
    if kind == "away":
        child.update(
            location="away",
            present="no",
            where_now="Staying with grandmother",
            welfare_where="Grandmother's home, 5 Albany Road, Coventry",
            welfare_verified_by="PC Gareth Lloyd",
            welfare_how="seen_by_officer",
        )
        return child
    child.update(
        location=rng.choice(["same_room", "other_room", "asleep"]),
        present="yes",
        witnessed=rng.choice([["heard"], ["saw", "heard"], ["aftermath"]]),
        seen="yes",
        seen_time=f"{(call.hour + 1) % 24:02d}:{rng.randint(0, 59):02d}",
        demeanour="Quiet and watchful; kept looking at the door.",
        appearance="Clean pyjamas; hair brushed; no marks seen on face or arms.",
        where_now="At home with mother.",
    )
    if kind == "infant":
        child.update(communication="pre_verbal", school="None (infant)")
        return child
    child.update(
        communication="verbal",
        spoken_to="yes",
        language_used="English" if english else language,
        own_words=rng.choice(OWN_WORDS),
    )
    if not english:
        child.update(
            interpreter_type="professional_remote", interpreter_name="Language Line ID 30417"
        )
    if kind == "alone":
        child["spoken_alone"] = "yes"
    else:
        child.update(
            spoken_alone="no",
            not_alone_reason="child_declined",
            others_present="Mother and PC Okafor",
            spoken_alone_reason="Became very distressed when asked to leave the room; "
            "I judged it kinder to speak with mother present and ask for a school visit.",
        )
    return child


def _adults(rng, surname, language, mother, father, children) -> list[dict]:
    english = language == "English"
    base = {"present": "yes", "first_language": language}
    if not english:
        base["interpreter_needed"] = "no"
    victim = {
        **base,
        "uid": new_uid(),
        "role": "victim",
        "name": f"{mother} {surname}",
        "intoxicated": "no",
        "injuries": "Redness to left cheek.",
        "demeanour": "Tearful and shaking; spoke quietly.",
        "relationships": _parent_of(children),
    }
    arrested = rng.random() < 0.7
    suspect = {
        **base,
        "uid": new_uid(),
        "role": "suspect",
        "name": f"{father} {surname}",
        "intoxicated": rng.choice(["yes", "no"]),
        "demeanour": "Loud and argumentative.",
        "arrested": "yes" if arrested else "no",
        "relationships": _parent_of(children),
    }
    if not arrested:
        suspect["not_arrested_reason"] = "Had left before officers arrived; circulated as wanted."
    return [victim, suspect]


def _parent_of(children: list[dict]) -> list[dict]:
    """Relationships of a parent with parental responsibility to each child."""
    return [
        {
            "uid": new_uid(),
            "child": c["uid"],
            "relationship": "parent",
            "parental_responsibility": "yes",
        }
        for c in children
    ]


def _risk(rng, tool: RiskTool) -> dict:
    yes_count = rng.choice([3, 6, 9, 11, 12, 15, 18])
    yes = set(rng.sample([q.id for q in tool.questions], yes_count))
    answers = {
        q.id: {
            "answer": "yes" if q.id in yes else rng.choice(["no", "no", "dont_know"]),
            "comment": "",
            "source": "victim",
        }
        for q in tool.questions
    }
    grade = "high" if yes_count >= 14 else "medium" if yes_count >= 10 else "standard"
    if grade == "standard" and yes & set(tool.strong_indicators):
        grade = "medium"  # professional judgement raises on a strong indicator
    return {
        "answers": answers,
        "officer_grade": grade,
        "marac_criteria": "yes" if grade == "high" else "no",
        "grade_rationale": f"{yes_count} questions answered yes; grade set on the answers "
        "and what officers saw.",
    }


def _actions(rng) -> dict:
    consent = rng.choice(["given", "given", "refused"])
    actions = {
        "mash_referral": "yes",
        "encompass": "yes",
        "marac_referral": rng.choice(["yes", "no"]),
        "protection": ["safety_plan"],
        "consent": consent,
        "parents_informed": "yes",
    }
    if consent != "given":
        actions["sharing_basis"] = "Children at risk of significant harm (Children Act 1989 s.47)."
    return actions


def _make_unfinished(rng, checklist: Checklist) -> None:
    """A draft stopped part-way, as an officer leaves it when called to the next job."""
    cut = rng.choice(["risk", "actions", "officer"])
    order = ["risk", "actions", "officer"]
    for section in order[order.index(cut) :]:
        checklist.data[section] = {}
    if cut == "risk" and checklist.data["children"]:
        checklist.data["children"][0].pop("own_words", None)
