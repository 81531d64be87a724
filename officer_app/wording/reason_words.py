"""The words `accounts` reads a reason with: reporting verbs, wishes, "per" / "according
to", and the little words that say nothing of the officer's own (in English, police-note
shorthand and the languages families speak, folded)."""

from __future__ import annotations

# fmt: off
_REPORT_VERBS = (
    "said", "says", "say", "sed", "sayd", "sayed", "siad", "sais", "sez", "saying", "stated",
    "states", "state", "stating", "staed", "stats", "statd", "sated", "stateed", "told",
    "tells", "tell", "telling", "tld", "reported", "reports", "report", "reporting", "reprted",
    "claimed", "claims", "claim", "claiming", "explained", "explains", "explain", "explaining",
    "explaned", "advised", "advises", "advise", "advising", "advsied", "adviced", "advized",
    "advisd", "advd", "adv", "informed", "informs", "inform", "informing", "infomed",
    "confirmed", "confirms", "confirm", "confirming", "confimed", "comfirmed", "conf",
    "assured", "assures", "assuring", "reassured", "reassures", "insisted", "insists",
    "insisting", "reassuring", "mentioned", "mentions", "mentioning", "reckons", "reckoned",
    "reckon", "thinks", "thought", "believes", "believed", "feels", "felt", "suggested",
    "suggests", "indicated", "indicates", "maintained", "maintains", "alleged", "alleges",
    "disclosed", "discloses", "described", "describes", "answered", "replied", "replies",
    "responded", "added", "commented", "expressed", "stressed", "emphasised", "emphasized",
    "asserted", "declared", "vouched", "swore", "promised", "guaranteed", "conveyed", "relayed",
    "noted", "admitted", "repeated", "sts", "advises", "explains", "was adamant", "is adamant",
    "adamant", "was sure", "is sure", "was certain", "was confident", "was clear",
    "let us know", "let me know", "let @o know", "made @o aware", "made us aware",
    "gave an account", "gave account", "did not think", "didn't think", "didnt think",
    "does not think", "doesn't think", "doesnt think", "knows", "knew", "st8d", "st8s",
    "st8ed", "st8", "sd",
)
# The same in the languages families speak (folded): Polish, Urdu / Hindi, Spanish,
# Portuguese, Romanian, Somali, Turkish. Not used to mend misspellings ("dice" is not "nice").
_FOREIGN_VERBS = (
    "powiedziala", "powiedzial", "mowi", "mowila", "twierdzi", "twierdzila", "stwierdzila",
    "ne kaha", "kaha", "ne bataya", "bataya", "ne bola", "ne boli", "dijo", "dice", "disse",
    "diz", "a spus", "spune", "zice", "yiri", "dedi", "diyor",
)
# Hedged reports: the officer taking an adult's view ("mum seemed to think he'd be fine").
# Matched like a reporting verb, but their words are not 'little words' elsewhere.
_HEDGED_VERBS = (
    "seemed to think", "seems to think", "seemed to believe", "seems to believe",
    "appeared to think", "appeared to believe", "seemed sure", "seemed certain",
    "seemed confident", "seemed convinced", "seemed adamant", "seemed fairly sure",
    "seemed quite sure", "seemed pretty sure", "seemed very sure", "appeared sure",
    "appeared confident", "appeared certain", "was fairly sure", "was quite sure",
    "was pretty sure", "was very sure", "was convinced", "is convinced", "were convinced",
    "was positive", "felt sure", "was of the view", "was of the opinion", "agreed that",
)
# Wishes and refusals in the languages families speak (folded): Polish, Spanish, Portuguese,
# Romanian, Urdu / Hindi.
_FOREIGN_WISH_VERBS = (
    "chciala", "chcial", "chcieli", "chcialy", "chce", "chca", "nie chciala", "nie chcial",
    "nie chcieli", "nie chce", "odmowila", "odmowil", "odmowili", "prosila", "prosil",
    "poprosila", "poprosil", "nie pozwolila", "nie pozwolil", "nie zgodzila", "nie zgodzil",
    "no quiso", "no queria", "queria", "quiso", "pidio", "nao quis", "quis", "pediu",
    "a vrut", "nu a vrut", "a refuzat", "a cerut", "nahi chahti", "nahi chahta", "chahti thi",
    "chahta tha",
)
_WISH_VERBS = (
    "did not want", "didn't want", "didnt want", "does not want", "doesn't want", "doesnt want",
    "did not wish", "didn't wish", "wanted", "wants", "wished", "wishes", "would not",
    "wouldn't", "wouldnt", "will not", "won't", "wont", "refused", "refuses", "refusing",
    "refuse", "wanting", "not wanting", "asking", "requesting", "declining", "preferring",
    "objecting", "declined", "declines", "asked", "asks", "requested", "requests", "preferred",
    "prefers", "would prefer", "would rather", "'d rather", "insisted on", "insisted that",
    "insists on", "insisted we", "insisted @o", "was not happy", "wasn't happy", "wasnt happy",
    "not happy", "did not consent", "didn't consent", "didnt consent", "does not consent",
    "withheld", "objected", "objects", "did not agree", "didn't agree", "did not allow",
    "didn't allow", "didnt allow", "does not allow", "did not permit", "denied access",
    "denied entry", "denied @o", "denied us", "chose", "decided", "was unwilling", "unwilling",
    "was reluctant", "reluctant", "did not give", "didn't give", "begged", "pleaded",
    "demanded", "was insistent", "insistent", "stopped @o", "stopped us", "prevented @o",
    "prevented us", "told @o not", "told us not", "told me not", "told @o to leave",
    "told us to leave", "said no",
) + _FOREIGN_WISH_VERBS
_ACCOUNT_NOUNS = (
    "account", "accounts", "word", "words", "view", "views", "version", "explanation", "say so",
    "say - so", "info", "information", "assurance", "assurances", "statement", "report",
    "opinion", "belief", "claim", "claims", "description", "comments", "comment", "reply",
    "answer", "response", "understanding", "story", "assertion", "position",
)
_WISH_NOUNS = (
    "wish", "wishes", "request", "requests", "insistence", "refusal", "preference", "decision",
    "choice", "instruction", "instructions",
)
_BY = (
    "according to", "accord to", "acc to", "acc . to", "according", "as per", "per",
    "as advised by", "advised by", "as stated by", "stated by", "as informed by", "informed by",
    "told by", "as told by", "as confirmed by", "confirmed by", "as reported by", "reported by",
    "as explained by", "explained by", "as mentioned by", "mentioned by", "assured by",
    "reassured by", "on the word of", "on the advice of", "on advice of", "on advice from",
    "advice from", "info from", "information from", "account from", "word of", "based on",
    "going by", "going off", "relying on", "relied on", "on the basis of", "taking", "took",
    "accepting", "accepted", "trusting", "believing", "as said by", "said by", "from what",
    "as", "according 2", "acc 2", "accordin to", "acording to", "accroding to", "accourding to",
    "as per what", "given by", "provided by", "relayed by", "as relayed by", "via",
    "information given by", "as given by", "accdg to", "acdg to", "accd to", "accdng to",
    "accding to", "according too",
)
# Words that say nothing of the officer's own: little words, restating the reason, plans.
_NON_CONTENT = frozenset((
    "a", "an", "the", "and", "or", "but", "so", "as", "because", "since", "to", "of", "in",
    "on", "at", "for", "with", "by", "from", "that", "this", "it", "its", "it's", "he", "she",
    "they", "him", "her", "them", "his", "hers", "their", "theirs", "was", "were", "is", "are",
    "be", "been", "being", "had", "has", "have", "having", "did", "do", "does", "done", "not",
    "no", "yes", "also", "then", "there", "here", "than", "too", "very", "just", "only", "all",
    "any", "some", "both", "each", "either", "neither", "nor", "if", "when", "while", "whilst",
    "until", "till", "after", "before", "during", "into", "onto", "out", "up", "down", "over",
    "under", "again", "further", "once", "what", "which", "who", "whom", "whose", "why", "how",
    "where", "hes", "shes", "theyre", "he's", "she's", "they're", "didn't", "didnt", "don't",
    "dont", "doesn't", "doesnt", "isn't", "wasn't", "weren't", "won't", "wouldn't", "couldn't",
    "can't", "cannot", "could", "would", "should", "can", "will", "shall", "may", "might",
    "must", "need", "needed", "needs", "'s", "n", "etc", "therefore", "hence", "thus", "due",
    "deemed", "necessary", "appropriate", "required", "reason", "reasons", "decided",
    "decision", "left", "leave", "leaving", "nfa", "fine", "ok", "okay", "well", "safe",
    "concerns", "concern", "issues", "unaware", "aware", "child", "children", "kids", "kid",
    "ch", "chn", "baby", "babies", "infant", "toddler", "boy", "girl", "son", "daughter",
    "young", "person", "yp", "seen", "see", "spoken", "speak", "spoke", "speaking", "talk",
    "talked", "talking", "alone", "separately", "woken", "wake", "woke", "waking", "awoken",
    "disturb", "disturbed", "disturbing", "asleep", "sleeping", "slept", "sleep", "bed", "beds",
    "bedroom", "upstairs", "downstairs", "room", "home", "house", "address", "present", "time",
    "night", "tonight", "evening", "morning", "attendance", "attending", "return", "visit",
    "revisit", "booked", "book", "arranged", "arrange", "planned", "plan", "follow", "followed",
    "following", "tomorrow", "later", "future", "csc", "mash", "referral", "refer", "referred",
    "social", "services", "sw", "questioned", "interviewed", "engaged", "approached", "point",
    "currently", "moment", "stage", "still", "whole", "throughout", "childs", "childrens",
    "kids'", "parents'", "scene", "door", "asked", "reply", "answer", "response", "phoned",
    "rang", "called", "contacted", "spoken", "rung", "step", "biological", "birth", "foster",
    "maternal", "paternal", "former", "adoptive", "grand", "great", "other", "older", "younger",
    "elder", "own", "real", "new", "good", "alright"
)) | frozenset(w for p in _REPORT_VERBS + _FOREIGN_VERBS + _WISH_VERBS + _BY for w in p.split())
# fmt: on
