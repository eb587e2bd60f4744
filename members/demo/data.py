"""French content of the demo network built by `manage.py seed_demo`.

Kept apart from the command so the data (names, communes, job titles) can be read and corrected by a
French-speaking reviewer without reading any code. Everything here is fictional people in real places:
the structures are named the way such structures are named in Bretagne, but nobody listed works there.
"""

REGION = "Bretagne"

# Domain under which every seeded mailbox lives; it does not resolve, so no demo mail can reach anyone.
DEMO_DOMAIN = "demo.spro.fr"

DEPARTMENTS = {
    "29": {"name": "Finistère", "of": "du Finistère"},
    "35": {"name": "Ille-et-Vilaine", "of": "d'Ille-et-Vilaine"},
    "22": {"name": "Côtes-d'Armor", "of": "des Côtes-d'Armor"},
    "56": {"name": "Morbihan", "of": "du Morbihan"},
}

# Bassins of the region; the first commune of each list is its main town.
TERRITORIES = [
    {
        "slug": "pays-de-brest",
        "name": "Pays de Brest",
        "department": "29",
        "communes": [
            "Brest",
            "Landerneau",
            "Lesneven",
            "Guipavas",
            "Plougastel-Daoulas",
            "Saint-Renan",
            "Le Relecq-Kerhuon",
            "Crozon",
            "Plabennec",
            "Ploudalmézeau",
            "Daoulas",
            "Le Conquet",
        ],
    },
    {
        "slug": "pays-de-cornouaille",
        "name": "Pays de Cornouaille",
        "department": "29",
        "communes": [
            "Quimper",
            "Concarneau",
            "Douarnenez",
            "Quimperlé",
            "Pont-l'Abbé",
            "Rosporden",
            "Fouesnant",
            "Audierne",
            "Bannalec",
            "Ergué-Gabéric",
            "Plonéour-Lanvern",
            "Scaër",
        ],
    },
    {
        "slug": "pays-de-rennes",
        "name": "Pays de Rennes",
        "department": "35",
        "communes": [
            "Rennes",
            "Cesson-Sévigné",
            "Bruz",
            "Saint-Jacques-de-la-Lande",
            "Betton",
            "Pacé",
            "Chartres-de-Bretagne",
            "Le Rheu",
            "Mordelles",
            "Châteaugiron",
            "Liffré",
            "Vern-sur-Seiche",
        ],
    },
    {
        "slug": "pays-de-saint-brieuc",
        "name": "Pays de Saint-Brieuc",
        "department": "22",
        "communes": [
            "Saint-Brieuc",
            "Plérin",
            "Ploufragan",
            "Lamballe-Armor",
            "Langueux",
            "Trégueux",
            "Quintin",
            "Yffiniac",
            "Binic-Étables-sur-Mer",
            "Saint-Quay-Portrieux",
            "Pordic",
            "Hillion",
        ],
    },
    {
        "slug": "pays-de-lorient",
        "name": "Pays de Lorient",
        "department": "56",
        "communes": [
            "Lorient",
            "Lanester",
            "Hennebont",
            "Ploemeur",
            "Quéven",
            "Larmor-Plage",
            "Guidel",
            "Caudan",
            "Port-Louis",
            "Plouay",
            "Riantec",
            "Inzinzac-Lochrist",
        ],
    },
    {
        "slug": "pays-de-vannes",
        "name": "Pays de Vannes",
        "department": "56",
        "communes": [
            "Vannes",
            "Auray",
            "Séné",
            "Saint-Avé",
            "Theix-Noyalo",
            "Sarzeau",
            "Elven",
            "Ploeren",
            "Grand-Champ",
            "Questembert",
            "Muzillac",
            "Arradon",
        ],
    },
]

# The curated network at scale 1: (name, type, territory slug, commune, label status).
# The first twelve cover every Structure.Type once, so even a small scale shows every kind of member,
# and they include the two structures the demo accounts belong to.
STRUCTURES = [
    ("CIO de Brest", "cio", "pays-de-brest", "Brest", "labelled"),
    ("Mission locale du Pays de Rennes", "mission_locale", "pays-de-rennes", "Rennes", "labelled"),
    ("France Travail Brest Europe", "france_travail", "pays-de-brest", "Brest", "labelled"),
    ("Cap emploi Finistère", "cap_emploi", "pays-de-cornouaille", "Quimper", "labelled"),
    ("APEC Rennes", "apec", "pays-de-rennes", "Rennes", "labelled"),
    ("CCI Morbihan", "cci", "pays-de-vannes", "Vannes", "labelled"),
    ("CMA Bretagne — Côtes-d'Armor", "cma", "pays-de-saint-brieuc", "Ploufragan", "labelled"),
    ("Chambre d'agriculture des Côtes-d'Armor", "chambre_agriculture", "pays-de-saint-brieuc", "Plérin", "labelled"),
    ("Point Information Jeunesse de Landerneau", "information_jeunesse", "pays-de-brest", "Landerneau", "labelled"),
    ("Transitions Pro Bretagne", "transitions_pro", "pays-de-rennes", "Rennes", "labelled"),
    ("GRETA Bretagne Sud", "organisme_formation", "pays-de-lorient", "Lorient", "labelled"),
    ("Cité des métiers des Côtes-d'Armor", "autre", "pays-de-saint-brieuc", "Ploufragan", "labelled"),
    ("CIO de Rennes", "cio", "pays-de-rennes", "Rennes", "labelled"),
    ("CIO de Quimper", "cio", "pays-de-cornouaille", "Quimper", "labelled"),
    ("CIO de Saint-Brieuc", "cio", "pays-de-saint-brieuc", "Saint-Brieuc", "labelled"),
    ("CIO de Lorient", "cio", "pays-de-lorient", "Lorient", "labelled"),
    ("CIO de Vannes", "cio", "pays-de-vannes", "Vannes", "labelled"),
    ("Mission locale du Pays de Brest", "mission_locale", "pays-de-brest", "Brest", "labelled"),
    ("Mission locale du Pays de Cornouaille", "mission_locale", "pays-de-cornouaille", "Quimper", "labelled"),
    ("Mission locale du Pays de Saint-Brieuc", "mission_locale", "pays-de-saint-brieuc", "Saint-Brieuc", "labelled"),
    ("Mission locale du Pays de Lorient", "mission_locale", "pays-de-lorient", "Lorient", "labelled"),
    ("Mission locale du Pays de Vannes", "mission_locale", "pays-de-vannes", "Vannes", "labelled"),
    ("France Travail Rennes Sud", "france_travail", "pays-de-rennes", "Rennes", "labelled"),
    ("France Travail Quimper", "france_travail", "pays-de-cornouaille", "Quimper", "labelled"),
    ("France Travail Saint-Brieuc Centre", "france_travail", "pays-de-saint-brieuc", "Saint-Brieuc", "labelled"),
    ("France Travail Lorient", "france_travail", "pays-de-lorient", "Lorient", "labelled"),
    ("France Travail Vannes Ouest", "france_travail", "pays-de-vannes", "Vannes", "labelled"),
    ("Cap emploi Ille-et-Vilaine", "cap_emploi", "pays-de-rennes", "Rennes", "labelled"),
    ("Cap emploi Morbihan", "cap_emploi", "pays-de-vannes", "Vannes", "labelled"),
    ("APEC Brest", "apec", "pays-de-brest", "Brest", "labelled"),
    ("CCI métropolitaine Bretagne Ouest", "cci", "pays-de-brest", "Brest", "labelled"),
    ("CMA Bretagne — Ille-et-Vilaine", "cma", "pays-de-rennes", "Rennes", "labelled"),
    ("Chambre d'agriculture du Morbihan", "chambre_agriculture", "pays-de-vannes", "Vannes", "candidate"),
    (
        "Point Information Jeunesse de Concarneau",
        "information_jeunesse",
        "pays-de-cornouaille",
        "Concarneau",
        "candidate",
    ),
    ("Point Information Jeunesse de Lanester", "information_jeunesse", "pays-de-lorient", "Lanester", "labelled"),
    ("Point Information Jeunesse de Quintin", "information_jeunesse", "pays-de-saint-brieuc", "Quintin", "suspended"),
    ("Bureau Information Jeunesse de Vannes", "information_jeunesse", "pays-de-vannes", "Vannes", "labelled"),
    ("AFPA Rennes", "organisme_formation", "pays-de-rennes", "Rennes", "candidate"),
    ("Centre de bilan de compétences d'Auray", "organisme_formation", "pays-de-vannes", "Auray", "labelled"),
    ("Espace emploi formation de Pont-l'Abbé", "autre", "pays-de-cornouaille", "Pont-l'Abbé", "withdrawn"),
]

# Names for the structures generated beyond the curated list (scale > 1). Placeholders:
# {commune}, {of_commune} ("de Brest", "d'Auray", "du Conquet"), {of_territory} ("du Pays de Brest"),
# {department} ("Finistère"), {of_department} ("du Finistère").
GENERATED_STRUCTURE_NAMES = {
    "cio": ["CIO {of_commune}"],
    "mission_locale": ["Mission locale {of_territory} — antenne {of_commune}"],
    "france_travail": [
        "France Travail {commune}",
        "France Travail {commune} Centre",
        "France Travail {commune} Nord",
        "France Travail {commune} Sud",
    ],
    "cap_emploi": ["Cap emploi {department} — antenne {of_commune}"],
    "apec": ["APEC {commune}"],
    "cci": ["CCI {department} — antenne {of_commune}"],
    "cma": ["CMA Bretagne — antenne {of_commune}", "Campus des métiers {of_commune}"],
    "chambre_agriculture": ["Chambre d'agriculture {of_department} — antenne {of_commune}"],
    "information_jeunesse": ["Point Information Jeunesse {of_commune}", "Bureau Information Jeunesse {of_commune}"],
    "transitions_pro": ["Transitions Pro Bretagne — antenne {of_commune}"],
    "organisme_formation": [
        "Centre de formation professionnelle {of_commune}",
        "AFPA {commune}",
        "Centre de bilan de compétences {of_commune}",
        "École de la deuxième chance {of_commune}",
        "GRETA — site {of_commune}",
    ],
    "autre": [
        "Maison de l'emploi {of_commune}",
        "Espace emploi formation {of_commune}",
        "Maison France services {of_commune}",
        "Service orientation de la ville {of_commune}",
    ],
}

# How often each type comes up among generated structures: many local points, few head offices.
GENERATED_TYPE_WEIGHTS = {
    "cio": 6,
    "mission_locale": 14,
    "france_travail": 12,
    "cap_emploi": 4,
    "apec": 3,
    "cci": 4,
    "cma": 5,
    "chambre_agriculture": 4,
    "information_jeunesse": 16,
    "transitions_pro": 2,
    "organisme_formation": 16,
    "autre": 10,
}

# Label statuses of generated structures, as (status, weight): mostly labelled, as in a mature network.
GENERATED_LABEL_WEIGHTS = [("labelled", 88), ("candidate", 8), ("suspended", 2), ("withdrawn", 2)]

# Team size per structure type: (probability of a second referent, min advisers, max advisers).
# Tuned so that the 40 curated structures hold about 150 people.
STAFF_PROFILES = {
    "cio": (0.4, 2, 4),
    "mission_locale": (0.5, 2, 5),
    "france_travail": (0.5, 2, 5),
    "cap_emploi": (0.3, 2, 3),
    "apec": (0.2, 2, 3),
    "cci": (0.2, 2, 3),
    "cma": (0.2, 2, 3),
    "chambre_agriculture": (0.2, 1, 3),
    "information_jeunesse": (0.1, 1, 2),
    "transitions_pro": (0.3, 2, 3),
    "organisme_formation": (0.2, 2, 3),
    "autre": (0.2, 1, 3),
}

# Job titles per structure type, as (feminine, masculine).
JOB_TITLES = {
    "cio": [
        ("Psychologue de l'Éducation nationale", "Psychologue de l'Éducation nationale"),
        ("Conseillère d'orientation", "Conseiller d'orientation"),
        ("Chargée d'accueil", "Chargé d'accueil"),
    ],
    "mission_locale": [
        ("Conseillère en insertion professionnelle", "Conseiller en insertion professionnelle"),
        ("Conseillère emploi-formation", "Conseiller emploi-formation"),
        ("Chargée d'accueil", "Chargé d'accueil"),
        ("Chargée de relations entreprises", "Chargé de relations entreprises"),
    ],
    "france_travail": [
        ("Conseillère à l'emploi", "Conseiller à l'emploi"),
        ("Conseillère en évolution professionnelle", "Conseiller en évolution professionnelle"),
        ("Psychologue du travail", "Psychologue du travail"),
        ("Conseillère entreprise", "Conseiller entreprise"),
    ],
    "cap_emploi": [
        ("Chargée de mission insertion", "Chargé de mission insertion"),
        ("Conseillère en maintien dans l'emploi", "Conseiller en maintien dans l'emploi"),
    ],
    "apec": [
        ("Consultante en évolution professionnelle", "Consultant en évolution professionnelle"),
        ("Chargée de relations entreprises", "Chargé de relations entreprises"),
    ],
    "cci": [
        ("Conseillère formation", "Conseiller formation"),
        ("Chargée de l'orientation et de l'apprentissage", "Chargé de l'orientation et de l'apprentissage"),
    ],
    "cma": [
        ("Développeuse de l'apprentissage", "Développeur de l'apprentissage"),
        (
            "Conseillère en orientation des métiers de l'artisanat",
            "Conseiller en orientation des métiers de l'artisanat",
        ),
    ],
    "chambre_agriculture": [
        ("Conseillère installation-transmission", "Conseiller installation-transmission"),
        ("Chargée de mission emploi-formation agricole", "Chargé de mission emploi-formation agricole"),
    ],
    "information_jeunesse": [
        ("Informatrice jeunesse", "Informateur jeunesse"),
        ("Animatrice Information Jeunesse", "Animateur Information Jeunesse"),
    ],
    "transitions_pro": [
        ("Conseillère en évolution professionnelle", "Conseiller en évolution professionnelle"),
        ("Chargée de projets de transition professionnelle", "Chargé de projets de transition professionnelle"),
    ],
    "organisme_formation": [
        ("Formatrice", "Formateur"),
        ("Coordinatrice pédagogique", "Coordinateur pédagogique"),
        ("Chargée d'accueil et d'orientation", "Chargé d'accueil et d'orientation"),
    ],
    "autre": [
        ("Chargée de mission orientation", "Chargé de mission orientation"),
        ("Animatrice emploi-formation", "Animateur emploi-formation"),
        ("Chargée d'accueil", "Chargé d'accueil"),
    ],
}

# Titles a referent may hold instead of an adviser's title: referents are often the structure's manager.
LEAD_TITLES = [
    ("Directrice", "Directeur"),
    ("Responsable d'antenne", "Responsable d'antenne"),
    ("Responsable de secteur", "Responsable de secteur"),
    ("Coordinatrice d'équipe", "Coordinateur d'équipe"),
]

# Share of women among seeded people: guidance and integration staff are mostly women.
FEMININE_SHARE = 0.65

FIRST_NAMES_FEMININE = [
    "Agnès", "Annaïg", "Anne", "Armelle", "Audrey", "Aurélie", "Awa", "Bénédicte", "Camille", "Catherine",
    "Cécile", "Charlotte", "Chloé", "Claire", "Clémence", "Delphine", "Élodie", "Émilie", "Enora", "Fatima",
    "Gaëlle", "Gwenaëlle", "Hélène", "Inès", "Isabelle", "Jeanne", "Julie", "Karine", "Katell", "Laëtitia",
    "Laure", "Léa", "Lucie", "Maëlle", "Manon", "Marie", "Marine", "Mathilde", "Morgane", "Nadia",
    "Nathalie", "Nolwenn", "Océane", "Pauline", "Rozenn", "Sandrine", "Sarah", "Soizic", "Solène", "Sophie",
    "Stéphanie", "Sylvie", "Valérie", "Virginie", "Yasmine",
]  # fmt: skip

FIRST_NAMES_MASCULINE = [
    "Adrien", "Alain", "Alexandre", "Antoine", "Arnaud", "Benoît", "Bertrand", "Bruno", "Cédric", "Christophe",
    "Damien", "David", "Erwan", "Fabrice", "Florian", "François", "Gaël", "Gildas", "Goulven", "Guillaume",
    "Gwendal", "Hervé", "Hugo", "Jérôme", "Julien", "Karim", "Kévin", "Loïc", "Louis", "Malo",
    "Mathieu", "Maxime", "Mickaël", "Nicolas", "Olivier", "Patrick", "Pierre", "Pierrick", "Romain", "Ronan",
    "Samuel", "Sébastien", "Stéphane", "Tanguy", "Thomas", "Tristan", "Vincent", "Yann", "Yannick", "Youssef",
]  # fmt: skip

LAST_NAMES = [
    "Le Gall", "Le Goff", "Le Bihan", "Le Roux", "Le Floch", "Le Corre", "Le Guen", "Le Meur", "Le Bris",
    "Le Berre", "Le Borgne", "Le Moal", "Le Guillou", "Le Hir", "Le Bras", "Le Du", "Le Cam", "Le Gac",
    "Le Lay", "Le Men", "Morvan", "Guillou", "Tanguy", "Hamon", "Jaouen", "Quéré", "Riou", "Kerleroux",
    "Kerdraon", "Kervella", "Kerhervé", "Cadiou", "Caradec", "Cloarec", "Corre", "Daniel", "Derrien", "Even",
    "Gourmelen", "Guéguen", "Jézéquel", "Lagadec", "Nédélec", "Pennec", "Pichon", "Prigent", "Quéméner",
    "Salaün", "Tréguer", "Briand", "Rolland", "Lemoine", "Perrot", "Jégou", "Gicquel", "Collet", "Hervé",
    "Guyomard", "Philippe", "Martin", "Bernard", "Durand", "Petit", "Robert", "Richard", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Garnier", "Fournier", "Girard", "Bonnet", "Dupont",
    "Lambert", "Fontaine", "Rousseau", "Muller", "Faure", "Blanc", "Chevalier", "Mercier", "Boyer",
    "Gautier", "Roussel", "Benali", "Diallo", "Nguyen", "Da Silva", "Haddad", "Traoré", "Lopez", "Martinez",
    "Bertrand", "Renaud", "Leclerc", "Marchand", "Barbier", "Aubert", "Colin", "Guérin", "Lemaire", "Poirier",
]  # fmt: skip

# The demo accounts announced in the README; their structures are slugs of the curated list above.
DEMO_CIO_SLUG = "cio-de-brest"
DEMO_OTHER_STRUCTURE_SLUG = "mission-locale-du-pays-de-rennes"
DEMO_COORDINATOR_TERRITORY_SLUG = "pays-de-brest"

DEMO_ACCOUNTS = [
    {
        "key": "coordination",
        "email": f"coordination@{DEMO_DOMAIN}",
        "first_name": "Claire",
        "last_name": "Le Gall",
        "job_title": "Coordinatrice régionale du SPRO",
        "coordinator": "region",
    },
    {
        "key": "territoire",
        "email": f"territoire@{DEMO_DOMAIN}",
        "first_name": "Yannick",
        "last_name": "Kerdraon",
        "job_title": "Coordinateur territorial du Pays de Brest",
        "coordinator": "territory",
    },
    {
        "key": "referent",
        "email": f"referent@{DEMO_DOMAIN}",
        "first_name": "Sophie",
        "last_name": "Morvan",
        "job_title": "Directrice du CIO de Brest",
        "structure": DEMO_CIO_SLUG,
        "role": "referent",
    },
    {
        "key": "conseiller",
        "email": f"conseiller@{DEMO_DOMAIN}",
        "first_name": "Thomas",
        "last_name": "Guillou",
        "job_title": "Psychologue de l'Éducation nationale",
        "structure": DEMO_CIO_SLUG,
        "role": "adviser",
    },
    {
        "key": "conseiller.autre",
        "email": f"conseiller.autre@{DEMO_DOMAIN}",
        "first_name": "Camille",
        "last_name": "Le Bihan",
        "job_title": "Conseillère en insertion professionnelle",
        "structure": DEMO_OTHER_STRUCTURE_SLUG,
        "role": "adviser",
    },
    {
        "key": "admin",
        "email": f"admin@{DEMO_DOMAIN}",
        "first_name": "Équipe",
        "last_name": "technique",
        "job_title": "Administration technique du portail",
        "staff": True,
    },
]

JOIN_REQUEST_MESSAGES = [
    "Bonjour, je viens de rejoindre l'équipe et je souhaiterais accéder au portail du réseau.",
    "Nouvelle arrivée dans la structure, je souhaite participer aux échanges de pratiques.",
    "Bonjour, j'ai pris mon poste le mois dernier ; ma responsable m'a conseillé de demander l'accès.",
    "Je remplace une collègue en congé et j'aurais besoin d'accéder aux ressources du réseau.",
    "Bonjour, je souhaite rejoindre le réseau pour suivre les travaux sur l'accueil des publics.",
    "",
]
