"""The demo forum's content: real questions advisers of the network ask, with their answers.

An author is a demo account's key ("conseiller", "referent", "conseiller.autre", "coordination", "territoire")
or "@" and a structure type, for an adviser of such a structure. `days_ago` dates the question; each reply is
`(author, text, hours after the previous post)`; `solution` is the number of the reply marked as the solution.
"""

CLOSED_GROUP = {
    "slug": "conseillers-du-pays-de-brest",
    "name": "Conseillers du Pays de Brest",
    "description": "Le groupe des conseillers et conseillères des structures du Pays de Brest : préparation des "
    "rencontres territoriales, situations difficiles, partenariats locaux. Les échanges restent entre nous.",
    "closed": True,
    "creator": "referent",
    "members": ["referent", "conseiller", "@cio", "@mission_locale", "@france_travail"],
}
OPEN_GROUP = {
    "slug": "outils-numeriques-orientation",
    "name": "Outils numériques de l'orientation",
    "description": "Tester et comparer les outils en ligne (Inforizon, Parcoursup, Mon compte formation, "
    "les plateformes de l'Onisep) et partager nos fiches pratiques pour les utiliser en entretien.",
    "closed": False,
    "creator": "conseiller.autre",
    "members": ["conseiller.autre", "conseiller", "@information_jeunesse", "@cap_emploi"],
}
GROUPS = [CLOSED_GROUP, OPEN_GROUP]
# Someone who asked to join the closed group and waits for its creator's answer.
PENDING_GROUP_REQUEST = (
    "conseiller.autre",
    CLOSED_GROUP["slug"],
    "Je suis à Rennes mais j'accompagne des jeunes qui partent en formation à Brest : puis-je suivre vos échanges ?",
)

TOPICS = [
    {
        "category": "accueil",
        "author": "conseiller",
        "title": "Accueillir un jeune sorti sans diplôme en cours d'année",
        "tags": "décrochage, 16-18 ans",
        "days_ago": 6,
        "body": "Un jeune de 17 ans s'est présenté ce matin sans rendez-vous : il a quitté son lycée pro en "
        "novembre, sans diplôme. Il veut « travailler tout de suite ».\n\nQuel est le bon premier geste "
        "chez vous ? Nous hésitons entre l'inscrire tout de suite à la PSAD et prendre d'abord le temps "
        "d'un entretien approfondi.",
        "replies": [
            (
                "@mission_locale",
                "Chez nous, le premier rendez-vous sert surtout à ne pas le perdre : on prend ses coordonnées, on "
                "lui explique l'obligation de formation jusqu'à 18 ans sans dramatiser, et on cale un second "
                "rendez-vous dans la semaine. La PSAD est informée le jour même.",
                5,
            ),
            (
                "referent",
                "Même approche au CIO. J'ajoute : **lui proposer une immersion** (PMSMP ou mini-stage en lycée) "
                "marche souvent mieux qu'un long entretien, il voit qu'on le prend au sérieux.",
                20,
            ),
            (
                "conseiller.autre",
                "Pour l'obligation de formation, la fiche de la Mission locale de Rennes est réutilisable : "
                "elle explique les possibilités en une page, avec des mots simples.",
                30,
            ),
        ],
        "solution": 1,
        "reactions": [3, 2, 1],
    },
    {
        "category": "accueil",
        "author": "@france_travail",
        "title": "Premier accueil des personnes allophones : vos outils ?",
        "tags": "allophones, FLE",
        "days_ago": 34,
        "body": "Nous recevons de plus en plus de personnes qui parlent peu le français. Utilisez-vous des "
        "pictogrammes, un service d'interprétariat, des fiches traduites ? Qu'est-ce qui marche vraiment au "
        "premier contact ?",
        "replies": [
            (
                "@information_jeunesse",
                "Nous utilisons un classeur de pictogrammes et l'interprétariat par téléphone (ISM) pour les "
                "rendez-vous importants. Les applications de traduction dépannent pour l'orientation vers le bon "
                "guichet, pas pour un entretien.",
                26,
            ),
            (
                "@organisme_formation",
                "Côté formation, nos ateliers sociolinguistiques ont des places en janvier : n'hésitez pas à "
                "orienter vers nous, avec l'accord de la personne.",
                48,
            ),
        ],
        "reactions": [2, 1],
    },
    {
        "category": "information",
        "author": "@cio",
        "title": "Parcoursup 2027 : ce qui change pour les bacs pros",
        "last_month": True,
        "tags": "Parcoursup, bac pro",
        "days_ago": 3,
        "body": "Quelqu'un a-t-il déjà la note sur les nouvelles places réservées aux bacheliers professionnels "
        "en BTS ? Les familles commencent à poser la question.",
        "replies": [],
    },
    {
        "category": "information",
        "author": "conseiller.autre",
        "title": "Informer sur le contrat d'engagement jeune sans promettre l'allocation",
        "tags": "CEJ, allocation",
        "days_ago": 41,
        "body": "Beaucoup de jeunes viennent « pour l'allocation du CEJ ». Comment présentez-vous le contrat "
        "pour qu'ils comprennent l'engagement (15 à 20 heures par semaine) sans qu'ils repartent déçus ?",
        "replies": [
            (
                "@mission_locale",
                "Nous commençons par le parcours, pas par l'argent : un exemple de semaine type, puis l'allocation "
                "comme un soutien *pendant* le parcours. Et nous le disons clairement : elle dépend de l'assiduité.",
                6,
            ),
            (
                "conseiller.autre",
                "Merci, l'exemple de semaine type est une bonne idée. Je l'ai essayé deux fois : les jeunes posent "
                "enfin des questions sur le contenu.",
                50,
            ),
        ],
        "solution": 1,
        "reactions": [4, 0],
    },
    {
        "category": "conseil",
        "author": "@cap_emploi",
        "title": "Conseil en évolution professionnelle et RQTH : parler du handicap ou pas ?",
        "last_month": True,
        "tags": "RQTH, CEP, handicap",
        "days_ago": 12,
        "body": "En entretien de CEP, une salariée évoque des douleurs chroniques mais n'a pas de RQTH. Jusqu'où "
        "aller pour lui présenter la reconnaissance, sans la pousser ni faire d'elle « une personne "
        "handicapée » qu'elle ne se sent pas être ?",
        "replies": [
            (
                "conseiller",
                "Je présente la RQTH comme un outil parmi d'autres, avec ce qu'elle ouvre concrètement "
                "(aménagement de poste, formations financées), et je laisse la personne revenir vers moi. Elle "
                "reste libre de ne jamais la montrer à un employeur.",
                4,
            ),
            (
                "@cap_emploi",
                "Merci. Je vais aussi lui proposer un rendez-vous avec notre chargée de maintien dans l'emploi, "
                "sans engagement.",
                24,
            ),
        ],
        "reactions": [3, 0],
    },
    {
        "category": "conseil",
        "author": "referent",
        "title": "Entretien avec des parents qui ne sont pas d'accord avec le projet de leur enfant",
        "tags": "familles, lycéens",
        "days_ago": 45,
        "body": "Situation fréquente en fin de troisième : le jeune veut un CAP cuisine, les parents veulent une "
        "seconde générale. Comment menez-vous l'entretien à trois pour que le jeune reste au centre ?",
        "replies": [
            (
                "@cio",
                "Je reçois d'abord le jeune seul dix minutes, pour qu'il formule son projet avec ses mots. Puis "
                "les parents nous rejoignent et c'est lui qui le présente. Les arguments changent de ton.",
                3,
            ),
            (
                "@cma",
                "Proposez une journée de découverte en CFA : les parents voient le niveau d'exigence et les "
                "débouchés. Nous en organisons tous les mercredis de mars.",
                30,
            ),
            ("referent", "Merci à vous deux : l'entretien en deux temps a bien fonctionné.", 200),
        ],
        "solution": 1,
        "reactions": [5, 2, 0],
    },
    {
        "category": "accompagnement",
        "author": "@transitions_pro",
        "title": "VAE : accompagner une aide-soignante vers le diplôme d'infirmière ?",
        "last_month": True,
        "tags": "VAE, santé",
        "days_ago": 20,
        "body": "Une aide-soignante de 15 ans d'expérience veut « passer infirmière par la VAE ». Le diplôme "
        "d'État infirmier n'est pas accessible par la VAE. Comment lui présenter les autres chemins sans "
        "l'éteindre ?",
        "replies": [
            (
                "@apec",
                "Le Projet de transition professionnelle peut financer la formation en IFSI, avec maintien du "
                "salaire. Et son expérience peut alléger certaines parties du parcours : à vérifier avec l'IFSI.",
                8,
            ),
            (
                "conseiller",
                "Il existe aussi la passerelle aide-soignante vers la 2e année dans certains IFSI, après "
                "sélection. Je joins d'habitude la liste des IFSI bretons qui la pratiquent.",
                16,
            ),
        ],
        "solution": 1,
        "reactions": [2, 3],
    },
    {
        "category": "accompagnement",
        "author": "conseiller.autre",
        "title": "Nos délais de premier rendez-vous dépassent trois semaines",
        "last_month": True,
        "tags": "organisation, délais",
        "days_ago": 9,
        "confidential": True,
        "body": "Depuis la rentrée, nous n'arrivons plus à proposer un premier rendez-vous en moins de trois "
        "semaines. Des jeunes ne reviennent pas. Comment les autres structures s'organisent-elles "
        "(permanences sans rendez-vous, ateliers collectifs d'accueil) ?",
        "replies": [
            (
                "@cio",
                "Nous avons ouvert deux demi-journées sans rendez-vous par semaine : l'attente a beaucoup baissé, "
                "et les rendez-vous longs sont réservés à ceux qui en ont besoin.",
                10,
            ),
            (
                "coordination",
                "Merci d'avoir posé la question. La coordination peut organiser un temps d'échange sur "
                "l'organisation de l'accueil entre structures : je vous propose des dates en janvier.",
                28,
            ),
        ],
        "reactions": [2, 4],
    },
    {
        "category": "outils",
        "author": "@information_jeunesse",
        "title": "Un support d'entretien pour explorer les intérêts professionnels",
        "last_month": True,
        "tags": "entretien, intérêts",
        "days_ago": 15,
        "body": "Nous avons construit une grille en une page (activités aimées, environnements, valeurs) à remplir "
        "avec la personne. Quelqu'un utilise-t-il un outil comparable ? Je la partagerai volontiers dans les "
        "ressources quand la bibliothèque sera ouverte.",
        "replies": [
            (
                "conseiller",
                "Oui, très intéressé ! Nous utilisons les cartes « métiers » de l'Onisep en complément, la "
                "combinaison des deux marche bien avec les collégiens.",
                2,
            )
        ],
        "reactions": [2],
    },
    {
        "category": "partenariats",
        "author": "conseiller",
        "title": "Monter un partenariat entre un CIO et une Mission locale",
        "tags": "partenariat, CIO, Mission locale",
        "days_ago": 38,
        "body": "Nous voulons formaliser nos échanges avec la Mission locale de notre secteur (réorientations, "
        "décrocheurs). Avez-vous une convention type, ou un simple protocole suffit-il ?",
        "replies": [
            (
                "conseiller.autre",
                "Nous avons un protocole de deux pages avec le CIO de Rennes : un référent de chaque côté, un "
                "point mensuel, une fiche de liaison avec l'accord du jeune. Pas besoin de convention lourde pour "
                "commencer.",
                5,
            ),
            (
                "territoire",
                "Pour le Pays de Brest, je peux réunir les deux structures : le protocole de Rennes peut servir "
                "de base.",
                30,
            ),
            ("conseiller", "Parfait, merci : je prépare une première réunion en janvier.", 60),
        ],
        "solution": 1,
        "reactions": [4, 2, 0],
    },
    {
        "category": "partenariats",
        "author": "@cci",
        "title": "Trouver des entreprises pour les stages de troisième",
        "last_month": True,
        "tags": "stage, collège, entreprises",
        "days_ago": 2,
        "body": "Les collèges nous sollicitent pour trouver des lieux de stage de troisième. Avez-vous une façon "
        "de mutualiser les offres entre structures du réseau ?",
        "replies": [],
    },
    {
        "category": "veille",
        "author": "coordination",
        "title": "Réforme de la formation professionnelle : ce qui change au 1er janvier",
        "tags": "réforme, CPF",
        "days_ago": 8,
        "body": "La coordination a résumé les changements annoncés pour le CPF et le CEP (reste à charge, "
        "conditions d'accès). La note complète est envoyée aux référents ; posez ici vos questions, nous "
        "compléterons la note.",
        "pinned": True,
        "replies": [
            (
                "@organisme_formation",
                "Le reste à charge s'applique-t-il aussi aux formations certifiantes de moins de 35 heures ?",
                20,
            )
        ],
        "reactions": [1],
    },
    {
        "category": "professionnalisation",
        "author": "@mission_locale",
        "title": "Analyse de pratiques entre conseillers : qui en organise ?",
        "tags": "analyse de pratiques",
        "days_ago": 33,
        "body": "Nous aimerions lancer des séances d'analyse de pratiques entre conseillers de structures "
        "différentes, avec un intervenant extérieur. Quelqu'un l'a-t-il déjà fait ? Quel rythme ?",
        "replies": [
            (
                "referent",
                "Nous le faisons au CIO une fois par trimestre, avec une psychologue extérieure. Ouvrir aux autres "
                "structures serait une vraie richesse.",
                12,
            )
        ],
        "reactions": [2],
    },
    {
        "category": "accueil",
        "group": CLOSED_GROUP["slug"],
        "author": "referent",
        "title": "Préparer la rencontre territoriale de janvier",
        "tags": "rencontre territoriale",
        "days_ago": 4,
        "body": "Proposition d'ordre du jour : 1. délais d'accueil, 2. décrocheurs de novembre, 3. calendrier "
        "des salons. Ajoutez vos points ici avant vendredi.",
        "replies": [
            ("conseiller", "J'ajoute : le protocole avec la Mission locale (point 4).", 3),
            ("@france_travail", "Pour nous, un point sur les ateliers collectifs communs.", 20),
        ],
        "reactions": [1, 1],
    },
    {
        "category": "conseil",
        "group": OPEN_GROUP["slug"],
        "author": "conseiller.autre",
        "title": "Inforizon ou les quiz de l'Onisep pour un premier entretien ?",
        "tags": "outils numériques",
        "days_ago": 18,
        "body": "Pour lancer un premier entretien avec un lycéen qui « ne sait pas », lequel utilisez-vous et "
        "pourquoi ?",
        "replies": [
            (
                "@information_jeunesse",
                "Les quiz de l'Onisep, courts et sans compte : on les fait ensemble pendant l'entretien.",
                7,
            )
        ],
        "solution": 1,
        "reactions": [2],
    },
]
