"""Who is in the demo, and the stories that must be there whatever the random generator does.

People are hand-written so names, companies and professions fit together. ``SCRIPTED`` pins the
histories of the demo logins (and of the clients who rarely pay) so that each login shows every
state worth exploring; ``plan.py`` fills the rest of the marketplace around them.
"""

from __future__ import annotations

from dataclasses import dataclass

OPERATOR = "operator"
CLIENT = "maya.chen"
FREELANCER = "diego.ramirez"
BOTH = "priya.nair"
POOR_PAYER = "brett.kowalski"


@dataclass(frozen=True)
class PersonSpec:
    first: str
    last: str
    username: str
    joined_days_ago: int
    weight: int = 2  # how busy they are when the generator picks people (0: never picked)
    years: int = 0  # of experience; 0: drawn
    hiring: int = 0  # how often they post jobs when the generator picks clients (0: 1 for
    # freelancers who also hire, else ``weight``)
    # As a freelancer:
    profession: str = ""
    side: tuple[str, ...] = ()  # other kinds of work they bid on
    city: str = ""
    title: str = ""
    overview: str = ""
    rate: int = 0  # dollars an hour; 0: drawn from the profession's range
    skills: tuple[str, ...] = ()
    # As a client:
    client: bool = False
    client_since_days_ago: int | None = None  # added the client role later (default: at sign-up)
    company: str = ""
    blurb: str = ""  # the opening of their job posts
    timezone: str = "US Eastern"
    verified: bool = False
    poor_payer: bool = False  # hires a lot, pays little

    @property
    def is_freelancer(self) -> bool:
        return bool(self.profession)

    @property
    def client_weight(self) -> int:
        if not self.client or not self.weight:
            return 0
        return self.hiring or (1 if self.is_freelancer else self.weight)

    @property
    def roles(self) -> list[str]:
        roles = []
        if self.client and self.client_since_days_ago is None:
            roles.append("client")
        if self.is_freelancer:
            roles.append("freelancer")
        return roles or ["client"]


def _client(
    first: str,
    last: str,
    username: str,
    joined: int,
    company: str,
    blurb: str,
    *,
    timezone: str = "US Eastern",
    weight: int = 2,
    verified: bool = True,
    poor_payer: bool = False,
) -> PersonSpec:
    return PersonSpec(
        first,
        last,
        username,
        joined,
        weight=weight,
        client=True,
        company=company,
        blurb=blurb,
        timezone=timezone,
        verified=verified,
        poor_payer=poor_payer,
    )


def _freelancer(
    first: str,
    last: str,
    username: str,
    joined: int,
    profession: str,
    city: str,
    *,
    weight: int = 2,
    side: tuple[str, ...] = (),
) -> PersonSpec:
    return PersonSpec(
        first, last, username, joined, weight=weight, profession=profession, side=side, city=city
    )


PEOPLE: tuple[PersonSpec, ...] = (
    # The operator runs the marketplace: /admin/, payment verification, moderation.
    PersonSpec("Olivia", "Grant", OPERATOR, 745, weight=0, client=True, verified=False),
    # --- The demo logins -------------------------------------------------------------------
    PersonSpec(
        "Maya",
        "Chen",
        CLIENT,
        715,
        weight=0,
        client=True,
        company="Northwind Outfitters",
        blurb="Northwind Outfitters is an online shop for hiking and camping gear, with about "
        "1,200 products and a team of nine in Portland, Oregon.",
        timezone="US Pacific",
        verified=True,
    ),
    PersonSpec(
        "Diego",
        "Ramírez",
        FREELANCER,
        712,
        weight=5,
        years=9,
        profession="web",
        city="Valencia",
        title="Full-Stack Developer (Django & React)",
        rate=85,
        skills=("Python", "Django", "React", "TypeScript", "PostgreSQL", "Stripe", "REST APIs"),
        overview="I'm a full-stack developer in Valencia, working mostly with Django, React and "
        "PostgreSQL. For nine years I've built booking systems, customer portals and payment "
        "integrations for small companies that need software they can rely on. I write tests "
        "for what I ship, explain trade-offs in plain language and hand over code the next "
        "developer can read. I overlap with US East Coast mornings and reply within a working "
        "day.",
    ),
    PersonSpec(
        "Priya",
        "Nair",
        BOTH,
        600,
        weight=4,
        years=7,
        profession="design",
        city="Toronto",
        title="Product Designer for SaaS and Mobile",
        rate=75,
        skills=("Figma", "UI Design", "UX Research", "Prototyping", "Design Systems"),
        overview="I'm a product designer in Toronto. I help software teams find out what their "
        "users are struggling with and turn that into clear flows, prototypes and design "
        "systems. Seven years in, I've worked on fintech, health and e-commerce products, and "
        "I run a small studio that brings in developers and writers when a client needs a "
        "whole website built.",
        client=True,
        client_since_days_ago=430,
        company="Nair Studio",
        blurb="Nair Studio is my two-person design practice. We design brands and websites for "
        "small businesses and bring in developers and writers to build them.",
        verified=True,
    ),
    # --- Clients who hire a lot and pay little ---------------------------------------------
    _client(
        "Brett",
        "Kowalski",
        POOR_PAYER,
        560,
        "Apex Growth Ventures",
        "Apex Growth Ventures builds and scales online brands for clients across several "
        "industries.",
        timezone="US Central",
        verified=False,
        poor_payer=True,
    ),
    _client(
        "Rick",
        "Dunmore",
        "rick.dunmore",
        420,
        "QuickLaunch Media",
        "QuickLaunch Media produces video and social content for fast-growing consumer brands.",
        verified=True,
        poor_payer=True,
    ),
    _client(
        "Tanya",
        "Voss",
        "tanya.voss",
        270,
        "",
        "I'm launching an online store for home fitness gear and need help across the board.",
        timezone="US Pacific",
        verified=False,
        poor_payer=True,
    ),
    # --- Clients ---------------------------------------------------------------------------
    _client(
        "Ellen",
        "Park",
        "ellenpark",
        690,
        "Harbor & Pine Bakery",
        "Harbor & Pine is a family bakery with two shops in Portland, Maine, and a growing "
        "mail-order business.",
        weight=3,
    ),
    _client(
        "James",
        "Whitfield",
        "jwhitfield",
        640,
        "Whitfield Legal",
        "Whitfield Legal is a four-lawyer firm specialising in employment and immigration law.",
        timezone="UK",
    ),
    _client(
        "Sarah",
        "Goldberg",
        "sarah.goldberg",
        700,
        "Lumen Health",
        "Lumen Health is a telehealth startup connecting patients with licensed therapists in "
        "twelve states.",
        weight=5,
    ),
    _client(
        "Kenji",
        "Watanabe",
        "kenji.w",
        660,
        "Tidewater Logistics",
        "Tidewater Logistics runs temperature-controlled freight for food producers on the West "
        "Coast.",
        timezone="US Pacific",
        weight=4,
    ),
    _client(
        "Olivia",
        "Bennett",
        "obennett",
        500,
        "Bennett Realty Group",
        "Bennett Realty Group is an independent real-estate agency with offices in three Florida "
        "towns.",
    ),
    _client(
        "Mohammed",
        "Rahman",
        "mo.rahman",
        470,
        "Saffron Table",
        "Saffron Table is a group of three Indian restaurants in Manchester with a catering "
        "business on the side.",
        timezone="UK",
    ),
    _client(
        "Laura",
        "Novak",
        "lauranovak",
        610,
        "Fernwood Press",
        "Fernwood Press is an independent publisher of fiction and narrative non-fiction, about "
        "twelve titles a year.",
        weight=3,
    ),
    _client(
        "Peter",
        "Lindgren",
        "peter.lindgren",
        590,
        "Brightpath Learning",
        "Brightpath Learning makes online maths courses for secondary-school students in Sweden "
        "and the UK.",
        timezone="Central European",
        weight=4,
    ),
    _client(
        "Aaliyah",
        "Johnson",
        "aaliyah.j",
        450,
        "Crowned Naturals",
        "Crowned Naturals is a direct-to-consumer skincare brand made with plant-based "
        "ingredients.",
        timezone="US Central",
        weight=3,
    ),
    _client(
        "Thomas",
        "Müller",
        "thomas.mueller",
        540,
        "Alpenglow Travel",
        "Alpenglow Travel organises small-group hiking holidays in the Alps.",
        timezone="Central European",
    ),
    _client(
        "Isabella",
        "Rossi",
        "irossi",
        380,
        "Rossi Architecture",
        "Rossi Architecture is a small studio designing homes and workplaces in Milan and Lugano.",
        timezone="Central European",
        weight=1,
        verified=False,
    ),
    _client(
        "Chris",
        "Donovan",
        "chris.donovan",
        330,
        "Donovan Fitness",
        "Donovan Fitness runs two boutique gyms and an online coaching programme.",
    ),
    _client(
        "Hiroshi",
        "Sato",
        "hsato",
        300,
        "Kitsune Games",
        "Kitsune Games is a four-person indie studio working on a cosy farming game for PC and "
        "Switch.",
        timezone="Japan",
        verified=False,
    ),
    _client(
        "Natalie",
        "Brooks",
        "nataliebrooks",
        240,
        "",
        "I'm an author finishing my second thriller and building a readership online.",
        weight=1,
        verified=False,
    ),
    _client(
        "Gabriel",
        "Moreau",
        "gabriel.moreau",
        520,
        "Moreau Wines",
        "Moreau Wines is a family vineyard in the Loire valley that sells directly to customers "
        "in Europe and the US.",
        timezone="Central European",
    ),
    _client(
        "Rebecca",
        "Lawson",
        "rlawson",
        410,
        "Lawson Family Dental",
        "Lawson Family Dental is a three-dentist practice in Columbus, Ohio.",
    ),
    _client(
        "David",
        "Osei",
        "david.osei",
        360,
        "Greenleaf Solar",
        "Greenleaf Solar installs rooftop solar for homes and small businesses in Ghana and "
        "Nigeria.",
        timezone="UK",
    ),
    _client(
        "Emma",
        "Clarke",
        "emmaclarke",
        200,
        "Pawsome Pet Supplies",
        "Pawsome is an online pet-supply shop with a monthly subscription box for dogs and cats.",
        timezone="UK",
        weight=3,
    ),
    _client(
        "Marco",
        "Bianchi",
        "marco.bianchi",
        150,
        "Cobalt Labs",
        "Cobalt Labs is a hardware startup building sensors for greenhouse farming.",
        timezone="Central European",
    ),
    # New members: joined in the last few weeks.
    _client(
        "Ryan",
        "Fletcher",
        "ryan.fletcher",
        12,
        "Fletcher Plumbing & Heating",
        "Fletcher Plumbing & Heating is a family business with eight vans serving Leeds.",
        timezone="UK",
        weight=1,
        verified=False,
    ),
    _client(
        "Ana",
        "Petrović",
        "ana.petrovic",
        25,
        "",
        "I run a small online yoga school and I'm setting up my first proper website.",
        timezone="Central European",
        weight=1,
        verified=False,
    ),
    # --- Freelancers -----------------------------------------------------------------------
    _freelancer(
        "Tomasz", "Nowak", "tomasz.nowak", 680, "web", "Kraków", weight=4, side=("devops",)
    ),
    _freelancer("Lena", "Fischer", "lena.fischer", 700, "web", "Hamburg", weight=3),
    _freelancer("Kwame", "Mensah", "kwame.mensah", 420, "web", "Accra", weight=3, side=("mobile",)),
    _freelancer("Sofia", "Marchetti", "sofia.m", 300, "web", "Turin"),
    _freelancer("Hugo", "Lambert", "hugo.lambert", 9, "web", "Lyon", weight=1),
    _freelancer("Mei", "Zhou", "mei.zhou", 560, "mobile", "Vancouver", weight=3, side=("web",)),
    _freelancer("Rafael", "Costa", "rafael.costa", 470, "mobile", "Lisbon"),
    _freelancer("Oleksandr", "Bondarenko", "obondarenko", 350, "mobile", "Warsaw", side=("web",)),
    _freelancer("Kofi", "Asante", "kofi.asante", 18, "mobile", "Kumasi", weight=1),
    _freelancer("Chloé", "Martin", "chloe.martin", 690, "design", "Montréal", weight=4),
    _freelancer("Jonas", "Berg", "jonas.berg", 530, "design", "Stockholm", weight=3),
    _freelancer("Amara", "Eze", "amara.eze", 400, "design", "Lagos", weight=3),
    _freelancer("Leah", "Cohen", "leah.cohen", 6, "design", "Tel Aviv", weight=1),
    _freelancer("Aisha", "Bello", "aisha.bello", 560, "writing", "London", weight=3),
    _freelancer("Ben", "Whitaker", "ben.whitaker", 660, "writing", "Bristol", weight=3),
    _freelancer(
        "Nora", "Lindqvist", "nora.lindqvist", 450, "writing", "Uppsala", side=("translation",)
    ),
    _freelancer(
        "Samuel", "Adeyemi", "samuel.adeyemi", 330, "writing", "Ibadan", side=("marketing",)
    ),
    _freelancer("Zara", "Ahmed", "zara.ahmed", 30, "writing", "Birmingham", weight=1),
    _freelancer("Fatima", "Al-Sayed", "fatima.alsayed", 580, "data", "Dubai", weight=3),
    _freelancer("Daniel", "Kim", "daniel.kim", 440, "data", "Seattle", weight=3, side=("devops",)),
    _freelancer("Inês", "Duarte", "ines.duarte", 280, "data", "Porto"),
    _freelancer("Tariq", "Hussain", "tariq.hussain", 15, "data", "Karachi", weight=1),
    _freelancer("Yuki", "Tanaka", "yuki.tanaka", 500, "marketing", "Osaka", weight=3),
    _freelancer(
        "Carmen", "Ortiz", "carmen.ortiz", 610, "marketing", "Madrid", weight=3, side=("writing",)
    ),
    _freelancer("Liam", "Gallagher", "liam.gallagher", 390, "marketing", "Cork"),
    _freelancer("Ngozi", "Okonkwo", "ngozi.okonkwo", 480, "devops", "London", weight=3),
    _freelancer("Erik", "Johansson", "erik.johansson", 360, "devops", "Gothenburg", side=("web",)),
    _freelancer("Camille", "Dubois", "camille.dubois", 630, "translation", "Lyon", weight=3),
    _freelancer("Mateo", "Silva", "mateo.silva", 540, "translation", "Montevideo", weight=3),
    _freelancer(
        "Anna", "Kowalczyk", "anna.kowalczyk", 410, "translation", "Wrocław", side=("writing",)
    ),
    _freelancer("Elif", "Yılmaz", "elif.yilmaz", 520, "video", "Istanbul", weight=3),  # noqa: RUF001 - Turkish dotless i
    _freelancer("Sven", "Larsen", "sven.larsen", 380, "video", "Copenhagen"),
    _freelancer("Maria", "Santos", "maria.santos", 600, "support", "Cebu", weight=3),
    _freelancer("Joy", "Mwangi", "joy.mwangi", 350, "support", "Nairobi"),
    _freelancer("Rachel", "Stein", "rachel.stein", 590, "finance", "Denver", weight=3),
    _freelancer("Omar", "Haddad", "omar.haddad", 430, "finance", "Dubai"),
    # --- Freelancers who also hire ---------------------------------------------------------
    PersonSpec(
        "Arjun",
        "Mehta",
        "arjun.mehta",
        700,
        weight=4,
        profession="web",
        city="Pune",
        client=True,
        company="Mehta Digital",
        blurb="Mehta Digital is a small web agency; I bring in specialists for design, writing "
        "and DevOps on client projects.",
        timezone="India",
        verified=True,
    ),
    PersonSpec(
        "Lucía",
        "Herrera",
        "lucia.herrera",
        480,
        profession="design",
        city="Buenos Aires",
        client=True,
        client_since_days_ago=300,
        company="Estudio Herrera",
        blurb="Estudio Herrera is my packaging and print design studio in Buenos Aires; I hire "
        "help for translation, copy and product videos.",
        verified=True,
    ),
    PersonSpec(
        "Grace",
        "O'Connell",
        "grace.oconnell",
        705,
        weight=4,
        profession="writing",
        city="Dublin",
        client=True,
        client_since_days_ago=500,
        blurb="I write a weekly newsletter about independent retail and occasionally hire help "
        "with design, audio and growth.",
        timezone="UK",
        verified=True,
    ),
    PersonSpec(
        "Wei",
        "Zhang",
        "wei.zhang",
        640,
        weight=3,
        profession="data",
        city="Singapore",
        client=True,
        company="Zhang Analytics",
        blurb="Zhang Analytics is my data consultancy; on bigger projects I bring in engineers "
        "and designers.",
        timezone="Singapore",
        verified=True,
    ),
    PersonSpec(
        "Marcus",
        "Reid",
        "marcus.reid",
        660,
        weight=4,
        profession="marketing",
        city="Atlanta",
        client=True,
        company="Reid Growth Partners",
        blurb="Reid Growth Partners is a two-person marketing agency for e-commerce brands; we "
        "hire writers and designers for client campaigns.",
        verified=True,
    ),
    PersonSpec(
        "Viktor",
        "Petrov",
        "viktor.petrov",
        670,
        weight=3,
        profession="devops",
        city="Sofia",
        client=True,
        company="Petrov Cloud Consulting",
        blurb="Petrov Cloud Consulting runs infrastructure for a handful of SaaS companies; I "
        "subcontract application work.",
        timezone="Central European",
        verified=True,
    ),
    PersonSpec(
        "Jamal",
        "Carter",
        "jamal.carter",
        650,
        weight=4,
        profession="video",
        city="Chicago",
        client=True,
        client_since_days_ago=380,
        company="Carter Creative",
        blurb="Carter Creative is my video production company; I hire animators, translators and "
        "writers for bigger productions.",
        timezone="US Central",
        verified=True,
    ),
)


# --- Scripted stories ------------------------------------------------------------------------

ENDED = "ended"  # ended long ago: the feedback window has closed
ENDED_RECENTLY = "ended_recently"  # ended inside the feedback window: feedback can still be left
ACTIVE = "active"  # hired, still working
UNFILLED = "unfilled"  # closed without a hire
OPEN = "open"  # open, proposals waiting for the client
FRESH = "fresh"  # posted hours ago: few or no proposals yet
OUTCOMES = (ENDED, ENDED_RECENTLY, ACTIVE, UNFILLED, OPEN, FRESH)

FULL, PARTIAL, NOTHING = "full", "partial", "nothing"


@dataclass(frozen=True)
class Story:
    """One job post and what came of it.

    ``when`` depends on the outcome: days since the job was posted (ended, unfilled, open,
    fresh), days since the hire (active), or the share of the feedback window that has passed
    since the contract ended (ended_recently: 0.2 = a fifth of the window ago).
    """

    client: str
    title: str  # a JobTemplate title
    outcome: str
    when: float
    hire: str = ""  # the freelancer hired; empty: chosen among the proposals
    also: tuple[tuple[str, str], ...] = ()  # (freelancer, proposal fate) to include
    pay: str = ""  # full, partial, nothing; empty: decided by the client's habits
    ended_by: str = ""  # "client" or "freelancer"; empty: decided
    reason: str = ""  # an EndReason; empty: decided
    scripted: bool = True  # scripted stories end well unless they say otherwise


SCRIPTED: tuple[Story, ...] = (
    # Maya Chen, a client with two years of history: every state of a job and a contract.
    Story(CLIENT, "Shopify theme customisation and speed fixes", ENDED, 690, hire="lena.fischer"),
    Story(CLIENT, "Product descriptions for 150 items", ENDED, 640, hire="ben.whitaker"),
    Story(CLIENT, "Product photo retouching, 200 images", ENDED, 380, hire="amara.eze"),
    Story(
        CLIENT,
        "React developer for an internal dashboard",
        ENDED,
        520,
        hire=FREELANCER,
        also=(("tomasz.nowak", "declined"), ("lena.fischer", "declined")),
    ),
    Story(
        CLIENT,
        "Google Ads campaign set-up and management",
        ENDED,
        455,
        hire="marcus.reid",
        pay=PARTIAL,
        ended_by="client",
        reason="cancelled",
    ),
    Story(
        CLIENT, "Sales dashboard in Power BI from our ERP exports", ENDED, 400, hire="daniel.kim"
    ),
    Story(CLIENT, "Redesign our e-commerce product pages", ENDED, 330, hire=BOTH),
    Story(
        CLIENT,
        "Translate our website from English to Spanish (8,000 words)",
        ENDED,
        280,
        hire="mateo.silva",
    ),
    Story(CLIENT, "Edit weekly YouTube videos", UNFILLED, 240),
    Story(CLIENT, "Influencer outreach campaign", ENDED, 190, hire="yuki.tanaka"),
    Story(
        CLIENT, "Ongoing full-stack developer for our customer portal", ACTIVE, 150, hire=FREELANCER
    ),
    Story(
        CLIENT,
        "UX audit of our onboarding flow with recommendations",
        ENDED_RECENTLY,
        0.2,
        hire=BOTH,
    ),
    Story(
        CLIENT, "Accessibility audit and fixes (WCAG 2.1 AA)", ENDED_RECENTLY, 0.45, hire=FREELANCER
    ),
    Story(CLIENT, "Email marketing automation in Klaviyo", ACTIVE, 12),
    Story(CLIENT, "Ongoing blog writer, four articles a month", OPEN, 5),
    Story(CLIENT, "Landing page for a product launch", OPEN, 2, also=((FREELANCER, "pending"),)),
    Story(CLIENT, "Social media manager for Instagram and TikTok", FRESH, 0.25),
    # Diego Ramírez, a freelancer: contracts with many clients, one who never paid, proposals
    # pending, declined and withdrawn.
    Story("sarah.goldberg", "Fix bugs in a Django REST API", ENDED, 600, hire=FREELANCER),
    Story(
        "kenji.w",
        "Ongoing full-stack developer for our customer portal",
        ENDED,
        250,
        hire=FREELANCER,
    ),
    Story(
        POOR_PAYER,
        "Integrate Stripe billing into our SaaS app",
        ENDED,
        300,
        hire=FREELANCER,
        pay=NOTHING,
        ended_by="freelancer",
        reason="unresponsive",
    ),
    Story(
        "peter.lindgren",
        "Laravel developer to add multi-language support",
        ENDED,
        160,
        hire="kwame.mensah",
        also=((FREELANCER, "declined"),),
    ),
    Story(
        "chris.donovan",
        "Build a Chrome extension to save recipes",
        UNFILLED,
        90,
        also=((FREELANCER, "withdrawn"),),
    ),
    Story(
        "sarah.goldberg",
        "Integrate Stripe billing into our SaaS app",
        OPEN,
        6,
        also=((FREELANCER, "pending"),),
    ),
    # Priya Nair, both roles. As a freelancer:
    Story("aaliyah.j", "Packaging design for a skincare line", ENDED, 420, hire=BOTH),
    Story("peter.lindgren", "Design system and component library in Figma", ACTIVE, 60, hire=BOTH),
    Story("irossi", "Trade show booth and banner design", OPEN, 6, also=((BOTH, "pending"),)),
    # ... and as the client of Nair Studio:
    Story(BOTH, "Build a booking website with online payments", ENDED, 380, hire=FREELANCER),
    Story(BOTH, "Website copy for a dental practice", ENDED, 300),
    Story(BOTH, "Scripts for five short explainer videos", UNFILLED, 150),
    Story(
        BOTH,
        "Translate our website from English to Spanish (8,000 words)",
        ENDED_RECENTLY,
        0.3,
    ),
    Story(BOTH, "Migrate WordPress site to a headless CMS", ACTIVE, 20, hire=FREELANCER),
    Story(BOTH, "WooCommerce store with subscription products", OPEN, 3),
    # Brett Kowalski hires often and rarely pays: the early warning the design talks about.
    Story(POOR_PAYER, "Landing page for a product launch", ENDED, 540),
    Story(POOR_PAYER, "SEO audit and keyword strategy", ENDED, 470),
    Story(POOR_PAYER, "Social media graphics templates in Canva", ENDED, 400),
    Story(POOR_PAYER, "Product descriptions for 150 items", ENDED, 230),
    Story(POOR_PAYER, "Meta ads for a product launch", UNFILLED, 200),
    Story(POOR_PAYER, "Web scraper for public real-estate listings", ENDED, 140),
    Story(POOR_PAYER, "Email welcome sequence (six emails)", ENDED_RECENTLY, 0.35),
    Story(POOR_PAYER, "Google Ads campaign set-up and management", ACTIVE, 9),
    Story(POOR_PAYER, "Shopify theme customisation and speed fixes", OPEN, 4),
    # Rick Dunmore: payment method verified, yet his freelancers rarely see the money.
    Story("rick.dunmore", "Edit weekly YouTube videos", ENDED, 400),
    Story("rick.dunmore", "60-second animated explainer video", ENDED, 330),
    Story("rick.dunmore", "Social media manager for Instagram and TikTok", ENDED, 260),
    Story(
        "rick.dunmore",
        "Design a 12-slide investor pitch deck",
        ENDED,
        180,
        hire=BOTH,
        pay=PARTIAL,
        ended_by="freelancer",
        reason="unresponsive",
    ),
    Story("rick.dunmore", "Short clips for Reels and TikTok from our podcast", ENDED, 110),
    Story("rick.dunmore", "Product demo video for our SaaS", ENDED_RECENTLY, 0.55),
    Story("rick.dunmore", "Drone footage edit for a real-estate listing", OPEN, 3),
    # Tanya Voss: newer, same pattern.
    Story("tanya.voss", "Shopify theme customisation and speed fixes", ENDED, 250),
    Story("tanya.voss", "Social media graphics templates in Canva", ENDED, 200),
    Story("tanya.voss", "Product descriptions for 150 items", ENDED, 150),
    Story("tanya.voss", "Email welcome sequence (six emails)", UNFILLED, 120),
    Story("tanya.voss", "Customer support agent for Zendesk (evenings)", ENDED, 90),
    Story("tanya.voss", "Meta ads for a product launch", ACTIVE, 25),
    # New members: a first job each, just posted.
    Story("ryan.fletcher", "Local SEO for a multi-location business", OPEN, 7),
    Story("ana.petrovic", "Landing page for a product launch", FRESH, 1.5),
)

# How the rest of the marketplace's job posts turn out (the random generator's quotas).
RANDOM_OUTCOMES: dict[str, int] = {
    ENDED: 64,
    UNFILLED: 18,
    ACTIVE: 12,
    ENDED_RECENTLY: 9,
    OPEN: 12,
    FRESH: 5,
}

# Who posts what: the job posts each client might write, so a plumber never asks for a
# recipe-saving browser extension. The random generator picks from these menus.
_MAYA, _PRIYA = CLIENT, BOTH
WHO_POSTS: dict[str, tuple[str, ...]] = {
    # web
    "Build a booking website with online payments": (
        "rlawson",
        "chris.donovan",
        "mo.rahman",
        "ana.petrovic",
        "ryan.fletcher",
        "thomas.mueller",
        "ellenpark",
        _PRIYA,
        "arjun.mehta",
    ),
    "Shopify theme customisation and speed fixes": (
        "aaliyah.j",
        "emmaclarke",
        "ellenpark",
        "gabriel.moreau",
        "marcus.reid",
    ),
    "React developer for an internal dashboard": (
        "kenji.w",
        "emmaclarke",
        "sarah.goldberg",
        "mo.rahman",
        "wei.zhang",
    ),
    "Migrate WordPress site to a headless CMS": (
        "lauranovak",
        "jwhitfield",
        "rlawson",
        "thomas.mueller",
        "irossi",
        "arjun.mehta",
    ),
    "Fix bugs in a Django REST API": (
        "kenji.w",
        "peter.lindgren",
        "marco.bianchi",
        "viktor.petrov",
        "wei.zhang",
    ),
    "Landing page for a product launch": (
        "aaliyah.j",
        "marco.bianchi",
        "emmaclarke",
        "hsato",
        "nataliebrooks",
        _PRIYA,
    ),
    "WooCommerce store with subscription products": (
        "ellenpark",
        "emmaclarke",
        "gabriel.moreau",
        "arjun.mehta",
    ),
    "Integrate Stripe billing into our SaaS app": (
        "peter.lindgren",
        "viktor.petrov",
        "arjun.mehta",
    ),
    "Accessibility audit and fixes (WCAG 2.1 AA)": (
        "jwhitfield",
        "rlawson",
        "peter.lindgren",
        "sarah.goldberg",
    ),
    "Ongoing full-stack developer for our customer portal": (
        "sarah.goldberg",
        "jwhitfield",
        "wei.zhang",
        _PRIYA,
    ),
    "Build a Chrome extension to save recipes": ("chris.donovan",),
    "Laravel developer to add multi-language support": (
        "thomas.mueller",
        "gabriel.moreau",
        _PRIYA,
    ),
    "Speed up slow PostgreSQL queries in our Rails app": (
        "kenji.w",
        "sarah.goldberg",
        "viktor.petrov",
    ),
    # mobile
    "iOS and Android app for class bookings (Flutter)": ("chris.donovan", "ana.petrovic"),
    "React Native developer to finish our delivery app": ("mo.rahman", "kenji.w"),
    "Add push notifications and deep links to our iOS app": (
        "sarah.goldberg",
        "chris.donovan",
        "peter.lindgren",
        "emmaclarke",
    ),
    "Android app crash fixes and Play Store update": (
        "sarah.goldberg",
        "peter.lindgren",
        "chris.donovan",
        "marco.bianchi",
    ),
    "Build an offline-first field inspection app": ("david.osei", "marco.bianchi", "kenji.w"),
    "Implement in-app subscriptions": ("chris.donovan", "peter.lindgren", "sarah.goldberg"),
    "Redesign the onboarding flow in our Kotlin app": (
        "sarah.goldberg",
        "peter.lindgren",
        "marco.bianchi",
    ),
    # design
    "Logo and brand identity refresh": (
        "ellenpark",
        "mo.rahman",
        "nataliebrooks",
        "ryan.fletcher",
        "ana.petrovic",
        "gabriel.moreau",
        "rlawson",
        "grace.oconnell",
        "hsato",
        "marcus.reid",
    ),
    "UX/UI design for our first mobile app": (
        "sarah.goldberg",
        "peter.lindgren",
        "chris.donovan",
        "marco.bianchi",
    ),
    "Redesign our e-commerce product pages": (
        "aaliyah.j",
        "emmaclarke",
        "gabriel.moreau",
        "marcus.reid",
    ),
    "Packaging design for a skincare line": ("aaliyah.j",),
    "Design a 12-slide investor pitch deck": (
        "marco.bianchi",
        "sarah.goldberg",
        "hsato",
        "david.osei",
        "wei.zhang",
    ),
    "Product photo retouching, 200 images": (
        "aaliyah.j",
        "emmaclarke",
        "gabriel.moreau",
        "lucia.herrera",
        "marcus.reid",
    ),
    "Illustrations for a children's picture book": ("lauranovak",),
    "Design system and component library in Figma": (
        "sarah.goldberg",
        "peter.lindgren",
        "wei.zhang",
        "arjun.mehta",
    ),
    "Social media graphics templates in Canva": (
        "ellenpark",
        "mo.rahman",
        "rlawson",
        "aaliyah.j",
        "grace.oconnell",
        "obennett",
        "ana.petrovic",
    ),
    "Trade show booth and banner design": (
        "kenji.w",
        "david.osei",
        "marco.bianchi",
        "irossi",
        "gabriel.moreau",
    ),
    "UX audit of our onboarding flow with recommendations": (
        "sarah.goldberg",
        "peter.lindgren",
        "chris.donovan",
        "arjun.mehta",
    ),
    "Infographics for an annual impact report": ("david.osei", "wei.zhang", "irossi"),
    # writing
    "Ongoing blog writer, four articles a month": (
        "ellenpark",
        "emmaclarke",
        "rlawson",
        "thomas.mueller",
        "kenji.w",
        "jwhitfield",
        "david.osei",
        "marcus.reid",
        "arjun.mehta",
    ),
    "Product descriptions for 150 items": (
        "aaliyah.j",
        "emmaclarke",
        "gabriel.moreau",
        "marcus.reid",
    ),
    "Technical writer for API documentation": (
        "kenji.w",
        "viktor.petrov",
        "wei.zhang",
        "marco.bianchi",
        _PRIYA,
    ),
    "Website copy for a dental practice": ("rlawson", _PRIYA, "arjun.mehta"),
    "Email welcome sequence (six emails)": (
        "aaliyah.j",
        "emmaclarke",
        "ellenpark",
        "nataliebrooks",
        "marcus.reid",
    ),
    "Ghostwriter for LinkedIn thought-leadership posts": (
        "sarah.goldberg",
        "kenji.w",
        "marco.bianchi",
        "jwhitfield",
        "viktor.petrov",
    ),
    "Edit and proofread a 70,000-word novel": ("nataliebrooks", "lauranovak"),
    "Grant proposal for a community solar project": ("david.osei",),
    "White paper on cold-chain logistics": ("kenji.w",),
    "Three customer case studies from interviews": (
        "kenji.w",
        "wei.zhang",
        "viktor.petrov",
        "marcus.reid",
        "arjun.mehta",
    ),
    "UX writer to rewrite in-app microcopy": ("sarah.goldberg", "peter.lindgren", _PRIYA),
    "Scripts for five short explainer videos": (
        "peter.lindgren",
        "sarah.goldberg",
        "jamal.carter",
        "lucia.herrera",
    ),
    # data
    "Sales dashboard in Power BI from our ERP exports": ("mo.rahman", "kenji.w", "ellenpark"),
    "Clean and deduplicate a 200,000-row customer database": (
        "jwhitfield",
        "emmaclarke",
        "obennett",
        "rlawson",
    ),
    "Customer churn model for a subscription business": (
        "emmaclarke",
        "peter.lindgren",
        "sarah.goldberg",
    ),
    "Build ETL pipelines into BigQuery": ("kenji.w", "marcus.reid", "emmaclarke"),
    "Web scraper for public real-estate listings": ("obennett",),
    "Analyse survey results and write a short report": (
        "peter.lindgren",
        "david.osei",
        "marcus.reid",
        "sarah.goldberg",
        "lauranovak",
    ),
    "Looker Studio marketing dashboard": (
        "marcus.reid",
        "aaliyah.j",
        "thomas.mueller",
        "emmaclarke",
    ),
    "Demand forecasting for our product range": ("emmaclarke", "aaliyah.j", "ellenpark"),
    "Data engineer to maintain our Snowflake warehouse": ("kenji.w", "sarah.goldberg"),
    # marketing
    "Google Ads campaign set-up and management": (
        "rlawson",
        "ryan.fletcher",
        "jwhitfield",
        "obennett",
        "thomas.mueller",
        "david.osei",
    ),
    "SEO audit and keyword strategy": (
        "ellenpark",
        "jwhitfield",
        "thomas.mueller",
        "gabriel.moreau",
        "emmaclarke",
        "lauranovak",
        "grace.oconnell",
    ),
    "Social media manager for Instagram and TikTok": (
        "ellenpark",
        "mo.rahman",
        "aaliyah.j",
        "chris.donovan",
        "obennett",
        "ana.petrovic",
        "hsato",
        "emmaclarke",
    ),
    "Meta ads for a product launch": ("aaliyah.j", "emmaclarke", "chris.donovan", "marcus.reid"),
    "Email marketing automation in Klaviyo": (
        "aaliyah.j",
        "emmaclarke",
        "ellenpark",
        "gabriel.moreau",
    ),
    "Local SEO for a multi-location business": (
        "ellenpark",
        "mo.rahman",
        "rlawson",
        "obennett",
        "chris.donovan",
    ),
    "Go-to-market plan for a B2B product launch": (
        "sarah.goldberg",
        "marco.bianchi",
        "kenji.w",
        "viktor.petrov",
    ),
    "Influencer outreach campaign": ("aaliyah.j", "emmaclarke", "hsato", "thomas.mueller"),
    "LinkedIn lead generation campaign": (
        "kenji.w",
        "marco.bianchi",
        "jwhitfield",
        "viktor.petrov",
        "wei.zhang",
    ),
    "Conversion rate optimisation for our checkout": (
        "emmaclarke",
        "aaliyah.j",
        "gabriel.moreau",
        "marcus.reid",
    ),
    # devops
    "Move our app from Heroku to AWS": (
        "sarah.goldberg",
        "kenji.w",
        "peter.lindgren",
        "wei.zhang",
        "arjun.mehta",
        "marco.bianchi",
    ),
    "Set up CI/CD with GitHub Actions": (
        "sarah.goldberg",
        "peter.lindgren",
        "arjun.mehta",
        "wei.zhang",
        "kenji.w",
    ),
    "Kubernetes cluster hardening and monitoring": ("sarah.goldberg", "kenji.w"),
    "On-call DevOps support, ten hours a month": (
        "peter.lindgren",
        "marco.bianchi",
        "arjun.mehta",
    ),
    "Terraform modules for our staging environment": ("kenji.w", "sarah.goldberg", "wei.zhang"),
    "Reduce our AWS bill": ("sarah.goldberg", "kenji.w", "peter.lindgren", "wei.zhang"),
    "Backups and disaster recovery for PostgreSQL": (
        "peter.lindgren",
        "marco.bianchi",
        "arjun.mehta",
    ),
    # translation
    "Translate our website from English to Spanish (8,000 words)": (
        "thomas.mueller",
        "gabriel.moreau",
        "jwhitfield",
        "rlawson",
        "arjun.mehta",
    ),
    "German localisation of a mobile app": ("peter.lindgren", "hsato", "chris.donovan"),
    "French subtitles for ten training videos": (
        "peter.lindgren",
        "jamal.carter",
        "thomas.mueller",
    ),
    "Brazilian Portuguese translation of our product catalogue": (
        "lucia.herrera",
        "gabriel.moreau",
        "aaliyah.j",
        "marco.bianchi",
    ),
    "Certified translation of contracts from Polish to English": ("jwhitfield", "lauranovak"),
    "Ongoing translator for help-centre articles (English to French and German)": (
        "peter.lindgren",
        "thomas.mueller",
        "hsato",
        "arjun.mehta",
    ),
    # video
    "Edit weekly YouTube videos": (
        "chris.donovan",
        "obennett",
        "grace.oconnell",
        "hsato",
        "jamal.carter",
        "thomas.mueller",
    ),
    "60-second animated explainer video": (
        "sarah.goldberg",
        "peter.lindgren",
        "marco.bianchi",
        "jamal.carter",
        "kenji.w",
    ),
    "Product demo video for our SaaS": (
        "sarah.goldberg",
        "peter.lindgren",
        "wei.zhang",
        "viktor.petrov",
        "marco.bianchi",
    ),
    "Short clips for Reels and TikTok from our podcast": (
        "grace.oconnell",
        "marcus.reid",
        "chris.donovan",
        "jamal.carter",
        _PRIYA,
    ),
    "Colour grading for a short documentary": ("jamal.carter", "irossi", "thomas.mueller"),
    "Drone footage edit for a real-estate listing": ("obennett", "irossi"),
    "Podcast audio editing and show notes": (
        "grace.oconnell",
        "marcus.reid",
        "jwhitfield",
        "jamal.carter",
    ),
    # support
    "Virtual assistant for inbox and calendar management": (
        "jwhitfield",
        "sarah.goldberg",
        "marcus.reid",
        "nataliebrooks",
        "marco.bianchi",
        "obennett",
    ),
    "Customer support agent for Zendesk (evenings)": (
        "emmaclarke",
        "aaliyah.j",
        "sarah.goldberg",
    ),
    "Data entry: move 3,000 contacts into HubSpot": (
        "obennett",
        "jwhitfield",
        "rlawson",
        "david.osei",
        "kenji.w",
    ),
    "Lead research: 500 B2B contacts": ("kenji.w", "marco.bianchi", "wei.zhang", "viktor.petrov"),
    "Live chat support for an online store": ("emmaclarke", "aaliyah.j", "gabriel.moreau"),
    # finance
    "Monthly bookkeeping in QuickBooks Online": (
        "ellenpark",
        "mo.rahman",
        "rlawson",
        "marcus.reid",
        "jamal.carter",
        "obennett",
        "arjun.mehta",
    ),
    "Financial model for a seed round": ("marco.bianchi", "hsato", "sarah.goldberg", "david.osei"),
    "Clean up two years of Xero books": (
        "mo.rahman",
        "ellenpark",
        "irossi",
        "lucia.herrera",
        "thomas.mueller",
        "gabriel.moreau",
    ),
    "Sales tax registration and filing set-up": ("emmaclarke", "aaliyah.j", "ellenpark"),
}


def menus() -> dict[str, list[str]]:
    """Each client's menu of job posts (template titles), from ``WHO_POSTS``."""
    menu: dict[str, list[str]] = {}
    for title, usernames in WHO_POSTS.items():
        for username in usernames:
            menu.setdefault(username, []).append(title)
    return menu
