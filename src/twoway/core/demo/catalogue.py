"""The words of the demo: professions, job posts and the phrases proposals are written from.

Plain data, no ORM. Everything here is hand-written so the demo reads like a real marketplace;
``plan.py`` combines the pieces with a seeded random generator.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profession:
    """A kind of freelance work: what people call themselves, their skills and going rates."""

    key: str
    label: str
    titles: tuple[str, ...]
    skills: tuple[str, ...]
    rate: tuple[int, int]  # US dollars an hour, low and high end of the market
    specialties: tuple[str, ...]  # overview sentences
    experience: tuple[str, ...]  # cover-letter sentences; {years} is filled in
    milestones: tuple[str, str, str]  # memo for fixed-price milestone payments


@dataclass(frozen=True)
class JobTemplate:
    """A job post a client might write. Budgets are in dollars: the price, or the top rate."""

    category: str
    title: str
    scope: str
    skills: tuple[str, ...]
    budget_type: str  # "fixed" or "hourly"
    budget: tuple[int, int]
    weeks: tuple[int, int]  # how long the work usually runs


PROFESSIONS: dict[str, Profession] = {
    p.key: p
    for p in [
        Profession(
            key="web",
            label="web development",
            titles=(
                "Full-Stack Developer (Django & React)",
                "Senior Front-End Engineer",
                "Shopify & WooCommerce Developer",
                "Back-End Developer, Python and PostgreSQL",
                "WordPress and Headless CMS Developer",
                "Ruby on Rails Engineer",
            ),
            skills=(
                "Python",
                "Django",
                "React",
                "TypeScript",
                "JavaScript",
                "Node.js",
                "PostgreSQL",
                "Shopify",
                "WordPress",
                "Next.js",
                "Ruby on Rails",
                "Stripe",
                "HTML",
                "CSS",
                "REST APIs",
            ),
            rate=(35, 120),
            specialties=(
                "Most of my work is booking systems, customer portals and internal dashboards "
                "for small and mid-sized companies.",
                "I care about fast pages, accessible markup and code the next developer can "
                "read without a guided tour.",
                "I am happiest taking a half-finished codebase, adding tests and getting it to "
                "a calm, shippable state.",
                "I have shipped online stores that handle Black Friday traffic without anyone "
                "being paged at 3 a.m.",
            ),
            experience=(
                "I've been building web applications for {years} years, most recently a booking "
                "and payments system for a chain of yoga studios.",
                "Over the last {years} years I've shipped a dozen stores and portals like this, "
                "including a wholesale ordering site that now handles most of its client's "
                "revenue.",
                "I've spent {years} years on Python and JavaScript projects and last quarter "
                "finished a very similar integration for a logistics startup.",
            ),
            milestones=(
                "Milestone 1: set-up and first screens",
                "Milestone 2: core features",
                "Final milestone: launch and handover",
            ),
        ),
        Profession(
            key="mobile",
            label="mobile development",
            titles=(
                "iOS & Android Developer (Flutter)",
                "React Native Engineer",
                "Native iOS Developer (Swift)",
                "Android Developer (Kotlin)",
            ),
            skills=(
                "Flutter",
                "Dart",
                "React Native",
                "Swift",
                "SwiftUI",
                "Kotlin",
                "Android",
                "iOS",
                "Firebase",
                "App Store Connect",
                "REST APIs",
                "SQLite",
            ),
            rate=(45, 125),
            specialties=(
                "I build apps that work on a train with no signal: offline-first data, careful "
                "sync and clear error states.",
                "I have taken eight apps through App Store review, including two with in-app "
                "subscriptions.",
                "I like small teams where I own the app end to end, from the first prototype to "
                "crash-free releases.",
            ),
            experience=(
                "I've been shipping mobile apps for {years} years; my latest is a class-booking "
                "app with 40,000 monthly users and a 4.8 rating.",
                "In {years} years of mobile work I've built delivery, fitness and field-service "
                "apps, several of them offline-first.",
            ),
            milestones=(
                "Milestone 1: prototype on TestFlight",
                "Milestone 2: feature complete",
                "Final milestone: store release",
            ),
        ),
        Profession(
            key="design",
            label="design",
            titles=(
                "UX/UI Designer",
                "Brand Identity Designer",
                "Product Designer for SaaS and Mobile",
                "Graphic Designer and Illustrator",
                "Packaging and Print Designer",
            ),
            skills=(
                "Figma",
                "UI Design",
                "UX Research",
                "Prototyping",
                "Logo Design",
                "Branding",
                "Adobe Illustrator",
                "Adobe Photoshop",
                "Adobe InDesign",
                "Illustration",
                "Design Systems",
                "Packaging Design",
                "Usability Testing",
            ),
            rate=(30, 95),
            specialties=(
                "I start every project by talking to the people who will use the product, then "
                "turn what I learn into clear, testable prototypes.",
                "I build brands that hold together everywhere: a logo, a palette and a handful "
                "of rules a small team can actually follow.",
                "My design files are organised, named and handed over with a component library, "
                "so developers never have to guess.",
                "I have designed packaging for food, cosmetics and craft beer, and I know what "
                "printers need to get colour right first time.",
            ),
            experience=(
                "I've been designing for {years} years, most recently a complete redesign of a "
                "fintech app's onboarding that lifted sign-ups by a fifth.",
                "In my {years} years as a designer I've created identities for cafés, clinics and "
                "software companies; my portfolio has a few close matches to your brief.",
                "For {years} years I've designed web and mobile products, and I've just wrapped "
                "up a similar project for an online retailer.",
            ),
            milestones=(
                "Milestone 1: research and concepts",
                "Milestone 2: refined design",
                "Final milestone: final files",
            ),
        ),
        Profession(
            key="writing",
            label="writing",
            titles=(
                "Copywriter for E-commerce and SaaS",
                "Technical Writer",
                "B2B Content Writer",
                "Editor and Proofreader",
                "SEO Content Strategist",
            ),
            skills=(
                "Copywriting",
                "Content Writing",
                "SEO Writing",
                "Technical Writing",
                "Editing",
                "Proofreading",
                "Email Copywriting",
                "Blog Writing",
                "Ghostwriting",
                "Grant Writing",
                "UX Writing",
                "Research",
            ),
            rate=(25, 80),
            specialties=(
                "I write plain, specific copy that sounds like a person, not a press release.",
                "I turn engineers' notes into documentation that new users can follow on the "
                "first try.",
                "My articles are researched, sourced and optimised for search without stuffing "
                "keywords into every sentence.",
                "I edit fiction and non-fiction with a light hand: your voice stays yours, the "
                "errors go.",
            ),
            experience=(
                "I've been writing professionally for {years} years, for brands from outdoor "
                "retailers to developer tools.",
                "Over {years} years I've written more than 600 published articles and a few "
                "hundred product pages; samples are on my profile.",
                "I spent {years} years as a staff writer before freelancing, so deadlines and "
                "style guides are second nature.",
            ),
            milestones=(
                "First batch delivered",
                "Second batch delivered",
                "Final drafts and revisions",
            ),
        ),
        Profession(
            key="data",
            label="data",
            titles=(
                "Data Analyst (SQL, Power BI)",
                "Data Scientist, Forecasting and ML",
                "Analytics Engineer (dbt, BigQuery)",
                "Data Engineer",
            ),
            skills=(
                "SQL",
                "Python",
                "pandas",
                "Power BI",
                "Tableau",
                "Looker Studio",
                "dbt",
                "BigQuery",
                "Snowflake",
                "Machine Learning",
                "scikit-learn",
                "Statistics",
                "R",
                "Airflow",
            ),
            rate=(45, 130),
            specialties=(
                "I build dashboards people open every morning, because every number on them "
                "answers a question someone actually asks.",
                "I have built forecasting and churn models for retail and subscription "
                "businesses, and I explain them without jargon.",
                "I set up data pipelines that are tested, documented and cheap to run.",
            ),
            experience=(
                "I've worked with data for {years} years, most recently building the reporting "
                "stack for a 40-store retail chain.",
                "In {years} years as an analyst I've cleaned more messy spreadsheets than I can "
                "count and turned them into reports leadership trusts.",
            ),
            milestones=(
                "Milestone 1: data audit",
                "Milestone 2: first working version",
                "Final milestone: documentation and handover",
            ),
        ),
        Profession(
            key="marketing",
            label="marketing",
            titles=(
                "Performance Marketer (Google & Meta Ads)",
                "SEO Consultant",
                "Email Marketing Specialist (Klaviyo)",
                "Social Media Manager",
            ),
            skills=(
                "Google Ads",
                "Facebook Ads",
                "SEO",
                "Technical SEO",
                "Keyword Research",
                "Klaviyo",
                "Email Marketing",
                "Social Media Marketing",
                "Content Strategy",
                "Google Analytics 4",
                "Conversion Rate Optimization",
                "LinkedIn Ads",
            ),
            rate=(30, 95),
            specialties=(
                "I manage ad budgets as if they were my own money, and I report on revenue, not "
                "clicks.",
                "I have taken small online shops from page five to page one for the searches "
                "that actually sell.",
                "My email flows have recovered hundreds of thousands of dollars in abandoned "
                "carts for Shopify brands.",
            ),
            experience=(
                "I've run paid and organic campaigns for {years} years, mostly for e-commerce "
                "and local service businesses.",
                "Over {years} years in marketing I've managed more than $2M in ad spend with a "
                "focus on measurable return.",
            ),
            milestones=(
                "Milestone 1: audit and strategy",
                "Milestone 2: campaigns live",
                "Final milestone: results report",
            ),
        ),
        Profession(
            key="devops",
            label="DevOps",
            titles=(
                "DevOps Engineer (AWS, Terraform)",
                "Site Reliability Engineer",
                "Cloud Infrastructure Consultant",
            ),
            skills=(
                "AWS",
                "Docker",
                "Kubernetes",
                "Terraform",
                "GitHub Actions",
                "Linux",
                "PostgreSQL",
                "Prometheus",
                "Grafana",
                "CI/CD",
                "Ansible",
            ),
            rate=(60, 150),
            specialties=(
                "I make deploys boring: one command, a green pipeline and a rollback that works.",
                "I have moved a dozen companies off hand-configured servers onto infrastructure "
                "as code.",
                "I keep an eye on the bill too; most clients save a fifth of their cloud spend "
                "in the first month.",
            ),
            experience=(
                "I've been running production infrastructure for {years} years, from two-server "
                "startups to Kubernetes fleets.",
                "In {years} years of DevOps work I've migrated many apps from Heroku and "
                "shared hosting to AWS without downtime.",
            ),
            milestones=(
                "Milestone 1: assessment and plan",
                "Milestone 2: migration",
                "Final milestone: monitoring and runbook",
            ),
        ),
        Profession(
            key="translation",
            label="translation",
            titles=(
                "English to Spanish Translator",
                "French and German Localisation Specialist",
                "Portuguese and Polish Translator",
            ),
            skills=(
                "Translation",
                "Localization",
                "Spanish",
                "French",
                "German",
                "Portuguese",
                "Polish",
                "Subtitling",
                "Proofreading",
                "Legal Translation",
            ),
            rate=(20, 60),
            specialties=(
                "I translate meaning, not words: marketing copy should sell in the new language "
                "too.",
                "I localise apps and websites with the context in front of me, so buttons fit "
                "and jokes land.",
                "I am a sworn translator and handle contracts and official documents.",
            ),
            experience=(
                "I've been a professional translator for {years} years and I only translate "
                "into my native language.",
                "Over {years} years I've localised websites, apps and training material for "
                "software and travel companies.",
            ),
            milestones=(
                "First half delivered",
                "Second half delivered",
                "Final review and glossary",
            ),
        ),
        Profession(
            key="video",
            label="video",
            titles=(
                "Video Editor for YouTube and Social",
                "Motion Designer and Animator",
                "Video Producer and Colourist",
            ),
            skills=(
                "Video Editing",
                "Adobe Premiere Pro",
                "After Effects",
                "Motion Graphics",
                "DaVinci Resolve",
                "Color Grading",
                "Final Cut Pro",
                "Animation",
                "Audio Editing",
                "YouTube",
            ),
            rate=(25, 85),
            specialties=(
                "I edit for retention: tight cuts, clear story, captions that carry the video "
                "with the sound off.",
                "I animate explainers that make a complicated product make sense in a minute.",
                "I grade and finish short films and documentaries for festival delivery.",
            ),
            experience=(
                "I've been editing video for {years} years, for YouTube channels, agencies and a "
                "few documentaries.",
                "In {years} years of motion design I've made more than 80 explainers for "
                "software and health-care companies.",
            ),
            milestones=(
                "First cut delivered",
                "Revisions delivered",
                "Final export and project files",
            ),
        ),
        Profession(
            key="support",
            label="virtual assistance",
            titles=(
                "Virtual Assistant and Customer Support Specialist",
                "Executive Assistant (Remote)",
            ),
            skills=(
                "Virtual Assistance",
                "Customer Support",
                "Zendesk",
                "Google Workspace",
                "Data Entry",
                "HubSpot",
                "Calendar Management",
                "Lead Generation",
                "Excel",
            ),
            rate=(12, 30),
            specialties=(
                "I keep inboxes at zero, calendars sane and customers answered within the hour.",
                "I am organised, discreet and comfortable working across time zones.",
            ),
            experience=(
                "I've supported founders and small teams as a virtual assistant for {years} years.",
                "For {years} years I've handled customer support for online shops, mostly in "
                "Zendesk and Gorgias.",
            ),
            milestones=("First half completed", "Second half completed", "Final check"),
        ),
        Profession(
            key="finance",
            label="bookkeeping and finance",
            titles=(
                "Bookkeeper (QuickBooks & Xero)",
                "Startup Finance Consultant",
            ),
            skills=(
                "Bookkeeping",
                "QuickBooks",
                "Xero",
                "Financial Modeling",
                "Excel",
                "Accounting",
                "Reconciliation",
                "Sales Tax",
            ),
            rate=(30, 90),
            specialties=(
                "I keep books tidy month by month, so tax season is a non-event.",
                "I build financial models founders can defend in front of investors.",
            ),
            experience=(
                "I've been a bookkeeper for {years} years, mostly for e-commerce and agency "
                "clients.",
                "I spent {years} years in corporate finance before working with startups on "
                "their models and fundraising.",
            ),
            milestones=("Milestone 1: review", "Milestone 2: clean-up", "Final milestone: report"),
        ),
    ]
}


def _t(
    category: str,
    title: str,
    scope: str,
    skills: tuple[str, ...],
    budget_type: str,
    budget: tuple[int, int],
    weeks: tuple[int, int],
) -> JobTemplate:
    return JobTemplate(category, title, scope, skills, budget_type, budget, weeks)


FIXED, HOURLY = "fixed", "hourly"

JOB_TEMPLATES: tuple[JobTemplate, ...] = (
    # --- web ----------------------------------------------------------------------------------
    _t(
        "web",
        "Build a booking website with online payments",
        "We need a responsive site where customers pick a time slot, pay a deposit by card and "
        "get a confirmation email. Staff should be able to block out holidays and see the day's "
        "bookings on one page.",
        ("Django", "Python", "Stripe", "JavaScript", "PostgreSQL"),
        FIXED,
        (2500, 6000),
        (4, 8),
    ),
    _t(
        "web",
        "Shopify theme customisation and speed fixes",
        "Our Shopify store scores poorly on PageSpeed and product pages jump around while images "
        "load. We'd like the theme cleaned up, lazy loading added and the collection filters "
        "reworked so they don't reload the page.",
        ("Shopify", "Liquid", "CSS", "JavaScript"),
        FIXED,
        (800, 2500),
        (2, 4),
    ),
    _t(
        "web",
        "React developer for an internal dashboard",
        "We're building an internal tool that shows orders, refunds and stock levels from our "
        "existing REST API. You would own the front end: tables with filtering, a few charts and "
        "role-based views for warehouse and finance staff.",
        ("React", "TypeScript", "REST APIs", "Chart.js"),
        HOURLY,
        (45, 90),
        (6, 14),
    ),
    _t(
        "web",
        "Migrate WordPress site to a headless CMS",
        "Our marketing site runs on an ageing WordPress install with dozens of plugins. We want "
        "the content moved to a headless CMS and the front end rebuilt in Next.js, keeping every "
        "existing URL working so we don't lose search rankings.",
        ("Next.js", "WordPress", "Headless CMS", "SEO"),
        FIXED,
        (3000, 7000),
        (5, 9),
    ),
    _t(
        "web",
        "Fix bugs in a Django REST API",
        "We have a backlog of about fifteen bugs in our Django REST Framework API, mostly around "
        "permissions and pagination. Tests exist but coverage is patchy, so please add a test for "
        "each fix.",
        ("Django", "Django REST Framework", "Python", "pytest"),
        HOURLY,
        (40, 85),
        (3, 6),
    ),
    _t(
        "web",
        "Landing page for a product launch",
        "One page, mobile-first, with an email sign-up form connected to Mailchimp. The design "
        "is finished in Figma; we need it built pixel-accurate, fast and accessible.",
        ("HTML", "CSS", "JavaScript", "Figma"),
        FIXED,
        (600, 1500),
        (1, 3),
    ),
    _t(
        "web",
        "WooCommerce store with subscription products",
        "We want customers to subscribe to a monthly delivery, pause it and skip a month "
        "themselves. The store already exists; the subscription part and a tidy account page "
        "are what we need.",
        ("WooCommerce", "WordPress", "PHP", "Stripe"),
        FIXED,
        (1200, 3000),
        (3, 6),
    ),
    _t(
        "web",
        "Integrate Stripe billing into our SaaS app",
        "Customers currently pay by invoice. We want self-serve plans with Stripe Checkout, "
        "webhooks that update accounts, proration on upgrades and a billing page showing past "
        "invoices.",
        ("Stripe", "Node.js", "TypeScript", "PostgreSQL"),
        FIXED,
        (1500, 4000),
        (3, 6),
    ),
    _t(
        "web",
        "Accessibility audit and fixes (WCAG 2.1 AA)",
        "A customer flagged that our checkout is hard to use with a screen reader. We'd like an "
        "audit of the main flows against WCAG 2.1 AA, then the fixes implemented and verified "
        "with VoiceOver and NVDA.",
        ("Accessibility", "HTML", "ARIA", "JavaScript"),
        FIXED,
        (1000, 3500),
        (2, 5),
    ),
    _t(
        "web",
        "Ongoing full-stack developer for our customer portal",
        "Our customer portal is a Django back end with a React front end. We're looking for a "
        "developer to take features from ticket to production, review pull requests and keep "
        "dependencies up to date.",
        ("Python", "Django", "React", "PostgreSQL"),
        HOURLY,
        (50, 100),
        (12, 30),
    ),
    _t(
        "web",
        "Build a Chrome extension to save recipes",
        "The extension should detect a recipe on any page, pull out ingredients and steps, and "
        "save them to our app through our existing API. It needs to handle the common recipe "
        "plugins and fall back gracefully when it can't parse a page.",
        ("JavaScript", "Chrome Extensions", "HTML", "REST APIs"),
        FIXED,
        (900, 2200),
        (2, 5),
    ),
    _t(
        "web",
        "Laravel developer to add multi-language support",
        "Our Laravel booking platform is English-only. We need translations wired through the "
        "whole app, a language switcher, localised emails and dates, and a simple way for our "
        "staff to edit the strings.",
        ("Laravel", "PHP", "MySQL", "Internationalization"),
        FIXED,
        (1200, 3000),
        (3, 6),
    ),
    _t(
        "web",
        "Speed up slow PostgreSQL queries in our Rails app",
        "A few admin pages take ten seconds or more to load since our data grew. We'd like "
        "someone to profile them, add the right indexes, fix N+1 queries and leave notes on what "
        "to watch as we keep growing.",
        ("Ruby on Rails", "PostgreSQL", "Performance Tuning"),
        HOURLY,
        (60, 120),
        (2, 4),
    ),
    # --- mobile -------------------------------------------------------------------------------
    _t(
        "mobile",
        "iOS and Android app for class bookings (Flutter)",
        "Members should browse the timetable, book and cancel classes, buy passes and get "
        "reminders. The back end exists and has a documented API; we need the app built and "
        "published on both stores.",
        ("Flutter", "Dart", "Firebase", "REST APIs"),
        FIXED,
        (8000, 20000),
        (8, 14),
    ),
    _t(
        "mobile",
        "React Native developer to finish our delivery app",
        "The previous developer got the app about 70% done. Remaining work is live order "
        "tracking on a map, push notifications and a round of bug fixes before launch.",
        ("React Native", "TypeScript", "Google Maps API", "Redux"),
        HOURLY,
        (45, 95),
        (6, 12),
    ),
    _t(
        "mobile",
        "Add push notifications and deep links to our iOS app",
        "We want to notify users when an order ships and open the right screen when they tap. "
        "Links in our emails should also open the app when it is installed.",
        ("Swift", "iOS", "Firebase Cloud Messaging", "Universal Links"),
        FIXED,
        (1200, 3000),
        (2, 4),
    ),
    _t(
        "mobile",
        "Android app crash fixes and Play Store update",
        "Crashlytics shows three crashes that account for most of our one-star reviews. We need "
        "them fixed, the target SDK updated to satisfy Google Play, and a release pushed out.",
        ("Kotlin", "Android", "Crashlytics"),
        FIXED,
        (700, 2000),
        (1, 3),
    ),
    _t(
        "mobile",
        "Build an offline-first field inspection app",
        "Inspectors work in basements and rural sites with no signal. They need checklists, "
        "photos and signatures captured offline and synced when they are back online, without "
        "ever losing a report.",
        ("React Native", "SQLite", "Offline Sync", "TypeScript"),
        FIXED,
        (9000, 22000),
        (10, 16),
    ),
    _t(
        "mobile",
        "Implement in-app subscriptions",
        "Our app is moving from one-off purchases to monthly and yearly subscriptions with a "
        "free trial. We'd like it done on iOS and Android with RevenueCat "
        "and tested against the stores' sandbox.",
        ("StoreKit", "Google Play Billing", "RevenueCat", "Swift", "Kotlin"),
        FIXED,
        (1500, 3500),
        (3, 5),
    ),
    _t(
        "mobile",
        "Redesign the onboarding flow in our Kotlin app",
        "Half of new users drop off before creating an account. We have new designs for a "
        "shorter onboarding with social sign-in and need them built, measured and iterated on.",
        ("Kotlin", "Jetpack Compose", "Android", "Firebase Analytics"),
        HOURLY,
        (40, 85),
        (4, 8),
    ),
    # --- design -------------------------------------------------------------------------------
    _t(
        "design",
        "Logo and brand identity refresh",
        "We made our logo ourselves when we started and it shows. We need a new logo, colour "
        "palette, typography and a one-page brand guide, plus mock-ups on our signage, website "
        "and packaging.",
        ("Logo Design", "Branding", "Adobe Illustrator"),
        FIXED,
        (400, 1500),
        (2, 4),
    ),
    _t(
        "design",
        "UX/UI design for our first mobile app",
        "We're turning the features our customers use most into a mobile app. We need user "
        "research with five to eight customers, flows for onboarding and the core tasks, and a "
        "high-fidelity prototype in Figma.",
        ("Figma", "UI Design", "UX Research", "Prototyping"),
        FIXED,
        (4000, 9000),
        (6, 10),
    ),
    _t(
        "design",
        "Redesign our e-commerce product pages",
        "Product pages convert poorly on mobile. We want a redesign that puts sizing, delivery "
        "dates and reviews where people look for them, delivered as Figma designs with mobile "
        "and desktop variants.",
        ("Figma", "UI Design", "E-commerce", "Conversion Rate Optimization"),
        FIXED,
        (1500, 3500),
        (3, 5),
    ),
    _t(
        "design",
        "Packaging design for a skincare line",
        "Five products: cleanser, toner, serum, day cream and night cream. We need box and "
        "bottle label designs that look premium but honest, with print-ready files for our "
        "manufacturer.",
        ("Packaging Design", "Adobe Illustrator", "Print Design"),
        FIXED,
        (1200, 3000),
        (3, 6),
    ),
    _t(
        "design",
        "Design a 12-slide investor pitch deck",
        "We have the story and numbers in a rough Google Slides draft. We need it turned into a "
        "clean, confident deck with charts that read from the back of a room.",
        ("Presentation Design", "Google Slides", "Keynote"),
        FIXED,
        (500, 1500),
        (1, 2),
    ),
    _t(
        "design",
        "Product photo retouching, 200 images",
        "Studio shots of outdoor gear on white. We need backgrounds cleaned to pure white, "
        "colours matched to the real products, dust removed and consistent crops for our store.",
        ("Adobe Photoshop", "Photo Retouching"),
        FIXED,
        (300, 900),
        (1, 3),
    ),
    _t(
        "design",
        "Illustrations for a children's picture book",
        "A 32-page picture book about a fox who is afraid of the dark. We need 14 full-page "
        "illustrations and a cover in a warm, textured style, delivered at print resolution.",
        ("Illustration", "Procreate", "Children's Books"),
        FIXED,
        (2000, 6000),
        (8, 14),
    ),
    _t(
        "design",
        "Design system and component library in Figma",
        "Our product has grown screen by screen and it shows. We'd like a designer to audit the "
        "UI, define tokens and build a component library in Figma that our developers can "
        "mirror in code.",
        ("Figma", "Design Systems", "UI Design"),
        HOURLY,
        (45, 95),
        (6, 12),
    ),
    _t(
        "design",
        "Social media graphics templates in Canva",
        "We post four times a week and every post looks different. We need a set of 15 on-brand "
        "templates for quotes, announcements and product features that our team can edit.",
        ("Canva", "Social Media Design", "Graphic Design"),
        FIXED,
        (250, 700),
        (1, 2),
    ),
    _t(
        "design",
        "Trade show booth and banner design",
        "We're exhibiting at a regional trade show: a 3 x 3 m booth back wall, two roll-up "
        "banners and a one-page flyer, all print-ready to the printer's specifications.",
        ("Print Design", "Adobe InDesign", "Adobe Illustrator"),
        FIXED,
        (600, 1500),
        (1, 3),
    ),
    _t(
        "design",
        "UX audit of our onboarding flow with recommendations",
        "New users sign up and then don't come back. We'd like a usability review of the first "
        "ten minutes in our app, a handful of user tests and a prioritised list of changes with "
        "mock-ups.",
        ("UX Research", "Usability Testing", "Figma"),
        FIXED,
        (800, 2000),
        (2, 4),
    ),
    _t(
        "design",
        "Infographics for an annual impact report",
        "Our annual impact report has a lot of numbers. We need six infographics and a cover "
        "that make the year's results easy to grasp in print and on the web.",
        ("Infographics", "Adobe Illustrator", "Data Visualization"),
        FIXED,
        (700, 1800),
        (2, 4),
    ),
    # --- writing ------------------------------------------------------------------------------
    _t(
        "writing",
        "Ongoing blog writer, four articles a month",
        "We publish practical guides for our customers. You'd get a topic list and keyword "
        "targets each month and write four well-researched 1,500-word articles, with sources "
        "and suggested images.",
        ("Content Writing", "SEO Writing", "Blog Writing", "WordPress"),
        HOURLY,
        (30, 60),
        (10, 26),
    ),
    _t(
        "writing",
        "Product descriptions for 150 items",
        "We're relaunching our online shop and the product copy is thin or copied from "
        "suppliers. We need 150 original descriptions of 120-200 words in our brand voice, with "
        "a bullet list of specifications.",
        ("Copywriting", "E-commerce", "SEO Writing"),
        FIXED,
        (600, 1500),
        (3, 5),
    ),
    _t(
        "writing",
        "Technical writer for API documentation",
        "Our public API has reference docs generated from code but no guides. We need a "
        "getting-started guide, authentication and webhook guides, and three tutorials, written "
        "with our engineers.",
        ("Technical Writing", "API Documentation", "Markdown"),
        HOURLY,
        (45, 85),
        (4, 10),
    ),
    _t(
        "writing",
        "Website copy for a dental practice",
        "Six pages: home, about, services, new patients, insurance and contact. The tone "
        "should be warm and reassuring, especially for nervous patients, and locally "
        "search-friendly.",
        ("Copywriting", "Web Content", "SEO Writing"),
        FIXED,
        (500, 1200),
        (1, 3),
    ),
    _t(
        "writing",
        "Email welcome sequence (six emails)",
        "New subscribers currently get a single coupon email. We want a six-email welcome "
        "sequence that tells our story, shows best sellers and earns the first order.",
        ("Email Copywriting", "Copywriting", "Klaviyo"),
        FIXED,
        (400, 1100),
        (1, 3),
    ),
    _t(
        "writing",
        "Ghostwriter for LinkedIn thought-leadership posts",
        "Our founder has strong opinions and no time. We'd like three posts a week drafted from "
        "a short weekly call, in the founder's voice, about our industry, hiring and running a "
        "small company.",
        ("Ghostwriting", "LinkedIn", "B2B Writing"),
        HOURLY,
        (35, 70),
        (8, 20),
    ),
    _t(
        "writing",
        "Edit and proofread a 70,000-word novel",
        "A literary thriller, second draft. I'm looking for a line edit and a final proofread, "
        "with a short editorial letter on pacing and anything that didn't work for you.",
        ("Editing", "Proofreading", "Fiction"),
        FIXED,
        (1200, 2800),
        (4, 8),
    ),
    _t(
        "writing",
        "Grant proposal for a community solar project",
        "We're applying for a state clean-energy grant to put solar panels on a community "
        "centre. We have the technical and budget details; we need a persuasive, compliant "
        "proposal written to the funder's template.",
        ("Grant Writing", "Research", "Nonprofit"),
        FIXED,
        (1500, 3500),
        (3, 5),
    ),
    _t(
        "writing",
        "White paper on cold-chain logistics",
        "A 3,000-word white paper for operations leaders about temperature-controlled shipping: "
        "where the losses happen and how monitoring prevents them. We'll supply interviews and "
        "data.",
        ("White Papers", "B2B Writing", "Research"),
        FIXED,
        (1200, 3000),
        (3, 5),
    ),
    _t(
        "writing",
        "Three customer case studies from interviews",
        "We'll set up 30-minute calls with three customers. You run the interviews and turn "
        "each into a one-page case study with a clear problem, solution and measurable result.",
        ("Case Studies", "Interviewing", "B2B Writing"),
        FIXED,
        (900, 2000),
        (2, 5),
    ),
    _t(
        "writing",
        "UX writer to rewrite in-app microcopy",
        "Our error messages, empty states and buttons were written by developers in a hurry. We "
        "need a UX writer to build a voice guide and rewrite the copy across about 60 screens.",
        ("UX Writing", "Content Design", "Copywriting"),
        HOURLY,
        (40, 80),
        (3, 8),
    ),
    _t(
        "writing",
        "Scripts for five short explainer videos",
        "Each video is 60 to 90 seconds and explains one feature of our product. We need "
        "scripts with narration and on-screen text, written for people who have never heard of "
        "us.",
        ("Scriptwriting", "Copywriting", "Video Scripts"),
        FIXED,
        (300, 900),
        (1, 3),
    ),
    # --- data ---------------------------------------------------------------------------------
    _t(
        "data",
        "Sales dashboard in Power BI from our ERP exports",
        "Every Monday someone spends half a day building the sales report in Excel. We want a "
        "Power BI dashboard fed from our ERP's CSV exports, with sales by region, product and "
        "rep, refreshed automatically.",
        ("Power BI", "DAX", "Excel", "Data Modeling"),
        FIXED,
        (1500, 4000),
        (3, 6),
    ),
    _t(
        "data",
        "Clean and deduplicate a 200,000-row customer database",
        "Years of imports have left our CRM full of duplicates and inconsistent addresses. We "
        "need a repeatable cleaning script, a merged list and a short report of what changed.",
        ("Python", "pandas", "Data Cleaning"),
        FIXED,
        (600, 1600),
        (1, 3),
    ),
    _t(
        "data",
        "Customer churn model for a subscription business",
        "We have three years of subscription and usage data. We'd like a model that flags "
        "customers likely to cancel next month, with an explanation of the main drivers that "
        "our retention team can act on.",
        ("Python", "scikit-learn", "Machine Learning", "SQL"),
        FIXED,
        (3000, 8000),
        (5, 9),
    ),
    _t(
        "data",
        "Build ETL pipelines into BigQuery",
        "Data from Shopify, our ad platforms and our support desk should land in BigQuery daily, "
        "modelled with dbt into a handful of clean tables our analysts can query.",
        ("BigQuery", "dbt", "Airflow", "SQL"),
        HOURLY,
        (60, 120),
        (6, 14),
    ),
    _t(
        "data",
        "Web scraper for public real-estate listings",
        "We need a scraper that collects listings from four public property sites each night, "
        "normalises prices and addresses, and writes them to a PostgreSQL table, respecting "
        "each site's terms.",
        ("Python", "Scrapy", "Web Scraping", "PostgreSQL"),
        FIXED,
        (500, 1500),
        (2, 4),
    ),
    _t(
        "data",
        "Analyse survey results and write a short report",
        "We surveyed 1,400 customers about delivery and pricing. We need the results cleaned, "
        "cross-tabulated by segment, tested for significance where it matters and summarised "
        "in a ten-page report.",
        ("Statistics", "R", "Survey Analysis"),
        FIXED,
        (500, 1400),
        (1, 3),
    ),
    _t(
        "data",
        "Looker Studio marketing dashboard",
        "We want one dashboard that shows spend, traffic, conversions and revenue by channel, "
        "pulling from Google Analytics 4, Google Ads and Meta, so we stop copying numbers into "
        "spreadsheets.",
        ("Looker Studio", "Google Analytics 4", "SQL"),
        FIXED,
        (700, 1800),
        (2, 4),
    ),
    _t(
        "data",
        "Demand forecasting for our product range",
        "We keep running out of best sellers and overstocking the rest. We need weekly demand "
        "forecasts per product family and sales channel, with accuracy tracked against what "
        "actually sold.",
        ("Time Series", "Python", "Forecasting", "SQL"),
        FIXED,
        (4000, 9000),
        (6, 10),
    ),
    _t(
        "data",
        "Data engineer to maintain our Snowflake warehouse",
        "Our warehouse works but nobody owns it. We need someone a few days a month to keep the "
        "dbt models healthy, fix broken loads, and help analysts with new tables.",
        ("Snowflake", "dbt", "SQL", "Python"),
        HOURLY,
        (70, 130),
        (12, 30),
    ),
    # --- marketing ----------------------------------------------------------------------------
    _t(
        "marketing",
        "Google Ads campaign set-up and management",
        "We've tried running Google Ads ourselves and mostly paid for irrelevant clicks. We "
        "need campaigns rebuilt with proper conversion tracking and managed weekly, with a "
        "short monthly report.",
        ("Google Ads", "PPC", "Conversion Tracking"),
        HOURLY,
        (35, 75),
        (8, 20),
    ),
    _t(
        "marketing",
        "SEO audit and keyword strategy",
        "Organic traffic has been flat for a year. We'd like a technical SEO audit, a keyword "
        "plan for our main categories and a prioritised list of fixes our developer can work "
        "through.",
        ("SEO", "Technical SEO", "Keyword Research", "Ahrefs"),
        FIXED,
        (800, 2500),
        (2, 4),
    ),
    _t(
        "marketing",
        "Social media manager for Instagram and TikTok",
        "We need someone to plan a monthly content calendar, write captions, schedule posts "
        "and reply to comments. We supply photos and products; short video editing is a plus.",
        ("Social Media Marketing", "Instagram", "TikTok", "Content Calendar"),
        HOURLY,
        (25, 50),
        (10, 26),
    ),
    _t(
        "marketing",
        "Meta ads for a product launch",
        "We're launching a new product line in six weeks. We need audiences researched, ad "
        "creative briefed, campaigns launched on Facebook and Instagram and optimised through "
        "the launch month.",
        ("Facebook Ads", "Meta Ads Manager", "Audience Targeting"),
        FIXED,
        (1000, 3000),
        (4, 8),
    ),
    _t(
        "marketing",
        "Email marketing automation in Klaviyo",
        "We have 25,000 subscribers and only send the occasional newsletter. We'd like "
        "abandoned-cart, browse-abandonment, post-purchase and win-back flows set up and "
        "segmented properly.",
        ("Klaviyo", "Email Marketing", "Segmentation"),
        FIXED,
        (900, 2500),
        (3, 5),
    ),
    _t(
        "marketing",
        "Local SEO for a multi-location business",
        "We have four locations and show up in the map results for none of them. We need our "
        "business profiles cleaned up, citations fixed and a plan for collecting reviews.",
        ("Local SEO", "Google Business Profile", "SEO"),
        FIXED,
        (600, 1600),
        (2, 4),
    ),
    _t(
        "marketing",
        "Go-to-market plan for a B2B product launch",
        "We're launching a new product for business customers. We need positioning, a launch "
        "plan for the first 90 days and the messaging for our website and outbound emails.",
        ("Go-to-Market Strategy", "B2B Marketing", "Positioning"),
        FIXED,
        (2000, 5000),
        (3, 6),
    ),
    _t(
        "marketing",
        "Influencer outreach campaign",
        "We'd like 20 to 30 micro-influencers in the outdoor and travel space to try our "
        "products. You would find them, handle outreach and shipping logistics, and track "
        "results.",
        ("Influencer Marketing", "Outreach", "Instagram"),
        FIXED,
        (800, 2000),
        (3, 6),
    ),
    _t(
        "marketing",
        "LinkedIn lead generation campaign",
        "We sell to operations managers at mid-sized companies. We want LinkedIn ads and a "
        "lead-magnet funnel that books qualified calls, managed and reported weekly.",
        ("LinkedIn Ads", "Lead Generation", "B2B Marketing"),
        HOURLY,
        (30, 65),
        (6, 16),
    ),
    _t(
        "marketing",
        "Conversion rate optimisation for our checkout",
        "Six in ten carts are abandoned at checkout. We'd like the funnel analysed with "
        "recordings and analytics, three to five A/B tests designed and run, and the winners "
        "rolled out.",
        ("Conversion Rate Optimization", "A/B Testing", "Hotjar"),
        FIXED,
        (1500, 3500),
        (4, 8),
    ),
    # --- devops -------------------------------------------------------------------------------
    _t(
        "devops",
        "Move our app from Heroku to AWS",
        "A Django app with PostgreSQL, Redis and a Celery worker. We want it on AWS with "
        "Terraform, containerised, with staging and production environments and a zero-"
        "downtime cut-over.",
        ("AWS", "Docker", "Terraform", "PostgreSQL"),
        FIXED,
        (2500, 6000),
        (4, 8),
    ),
    _t(
        "devops",
        "Set up CI/CD with GitHub Actions",
        "Tests run on developers' laptops and deploys are a shell script. We need pipelines "
        "that test every pull request and deploy main to staging automatically, with one-click "
        "production releases.",
        ("GitHub Actions", "CI/CD", "Docker"),
        FIXED,
        (800, 2000),
        (1, 3),
    ),
    _t(
        "devops",
        "Kubernetes cluster hardening and monitoring",
        "Our EKS cluster was set up quickly two years ago. We'd like it reviewed for security, "
        "resource limits and autoscaling, with Prometheus and Grafana dashboards and alerts "
        "that mean something.",
        ("Kubernetes", "Prometheus", "Grafana", "Helm"),
        HOURLY,
        (70, 140),
        (4, 10),
    ),
    _t(
        "devops",
        "On-call DevOps support, ten hours a month",
        "We're a small team without an ops person. We want someone on a retainer to handle "
        "incidents, apply security updates and review infrastructure changes.",
        ("Linux", "AWS", "Incident Response"),
        HOURLY,
        (60, 120),
        (16, 40),
    ),
    _t(
        "devops",
        "Terraform modules for our staging environment",
        "Staging was clicked together in the AWS console and drifts from production. We need it "
        "described in Terraform with reusable modules, so we can spin up identical environments.",
        ("Terraform", "AWS", "Infrastructure as Code"),
        FIXED,
        (1500, 4000),
        (3, 6),
    ),
    _t(
        "devops",
        "Reduce our AWS bill",
        "Our AWS bill doubled in a year while traffic grew by a third. We'd like an analysis of "
        "where the money goes and the savings implemented: right-sizing, reserved capacity, "
        "storage tiers.",
        ("AWS", "Cost Optimization", "CloudWatch"),
        FIXED,
        (1200, 3000),
        (2, 4),
    ),
    _t(
        "devops",
        "Backups and disaster recovery for PostgreSQL",
        "We have nightly dumps and have never tried restoring one. We need point-in-time "
        "recovery, tested restores, and a written runbook for the day something goes wrong.",
        ("PostgreSQL", "Backups", "Linux", "pgBackRest"),
        FIXED,
        (900, 2200),
        (2, 3),
    ),
    # --- translation --------------------------------------------------------------------------
    _t(
        "translation",
        "Translate our website from English to Spanish (8,000 words)",
        "We're expanding to Spain and Latin America. The site has product pages, a help centre "
        "and legal pages; we want a natural, neutral Spanish that works in both markets.",
        ("Spanish", "Translation", "Localization"),
        FIXED,
        (700, 1400),
        (2, 4),
    ),
    _t(
        "translation",
        "German localisation of a mobile app",
        "About 1,200 strings plus App Store listing. Context screenshots are provided; buttons "
        "have tight space limits, so we need someone who localises rather than translates.",
        ("German", "Localization", "App Localization"),
        FIXED,
        (500, 1200),
        (1, 3),
    ),
    _t(
        "translation",
        "French subtitles for ten training videos",
        "Ten videos of 8 to 12 minutes each, English transcripts provided. We need timed French "
        "subtitles in SRT format, checked against the video.",
        ("French", "Subtitling", "SRT"),
        FIXED,
        (600, 1400),
        (2, 4),
    ),
    _t(
        "translation",
        "Brazilian Portuguese translation of our product catalogue",
        "A 60-page product catalogue with specifications and care instructions. Accuracy "
        "matters more than style; we have an English glossary to start from.",
        ("Portuguese", "Translation", "Technical Translation"),
        FIXED,
        (600, 1500),
        (2, 4),
    ),
    _t(
        "translation",
        "Certified translation of contracts from Polish to English",
        "Three supply contracts, about 9,000 words in total, needed for a court filing. The "
        "translation must be certified.",
        ("Polish", "Legal Translation", "Certified Translation"),
        FIXED,
        (300, 900),
        (1, 2),
    ),
    _t(
        "translation",
        "Ongoing translator for help-centre articles (English to French and German)",
        "We publish five to ten help articles a week and want them available in French and "
        "German within two days of publishing.",
        ("French", "German", "Translation", "Zendesk"),
        HOURLY,
        (25, 50),
        (10, 26),
    ),
    # --- video --------------------------------------------------------------------------------
    _t(
        "video",
        "Edit weekly YouTube videos",
        "One 15 to 20-minute video a week from raw footage we upload on Mondays. Cuts, captions, "
        "b-roll, simple graphics and a thumbnail, delivered by Thursday.",
        ("Video Editing", "Adobe Premiere Pro", "YouTube"),
        HOURLY,
        (25, 55),
        (8, 26),
    ),
    _t(
        "video",
        "60-second animated explainer video",
        "We have a script and a voice-over. We need a clean 2D animated explainer in our brand "
        "colours that shows how our app turns receipts into expense reports.",
        ("Motion Graphics", "After Effects", "Animation"),
        FIXED,
        (1200, 3500),
        (3, 6),
    ),
    _t(
        "video",
        "Product demo video for our SaaS",
        "A three-minute screen-recorded walkthrough with voice-over, zooms on the important "
        "bits and captions, for our homepage and sales team.",
        ("Screen Recording", "Video Editing", "Voice-over"),
        FIXED,
        (800, 2500),
        (2, 4),
    ),
    _t(
        "video",
        "Short clips for Reels and TikTok from our podcast",
        "Every week we record an hour-long podcast on video. We want eight to ten vertical clips "
        "with animated captions cut from each episode.",
        ("Video Editing", "CapCut", "Short-form Video"),
        HOURLY,
        (20, 45),
        (8, 20),
    ),
    _t(
        "video",
        "Colour grading for a short documentary",
        "A 24-minute documentary shot on two different cameras. We need the footage matched and "
        "graded in DaVinci Resolve for festival delivery.",
        ("DaVinci Resolve", "Color Grading"),
        FIXED,
        (900, 2200),
        (2, 4),
    ),
    _t(
        "video",
        "Drone footage edit for a real-estate listing",
        "Two-minute video of a lakeside property from drone and gimbal footage, with music, "
        "titles and a 30-second cut for social media.",
        ("Video Editing", "Drone Footage", "Final Cut Pro"),
        FIXED,
        (250, 700),
        (1, 2),
    ),
    _t(
        "video",
        "Podcast audio editing and show notes",
        "Weekly interview podcast, about an hour per episode. We need the audio cleaned and "
        "levelled, the ums trimmed, intro and outro added, and show notes with timestamps.",
        ("Audio Editing", "Podcast Production", "Adobe Audition"),
        HOURLY,
        (20, 40),
        (8, 20),
    ),
    # --- support ------------------------------------------------------------------------------
    _t(
        "support",
        "Virtual assistant for inbox and calendar management",
        "I'm a founder drowning in email. I need someone for about 15 hours a week to triage "
        "my inbox, schedule meetings across time zones and keep my CRM up to date.",
        ("Virtual Assistance", "Google Workspace", "Calendar Management"),
        HOURLY,
        (12, 25),
        (8, 26),
    ),
    _t(
        "support",
        "Customer support agent for Zendesk (evenings)",
        "We need evening coverage from 6 to 11 pm US Eastern, answering email and chat about "
        "orders, returns and product questions. We'll train you on our macros.",
        ("Customer Support", "Zendesk", "Email Support"),
        HOURLY,
        (14, 28),
        (8, 26),
    ),
    _t(
        "support",
        "Data entry: move 3,000 contacts into HubSpot",
        "Our contacts live in three spreadsheets and an old email client. We need them cleaned, "
        "merged and imported into HubSpot with the right lifecycle stages.",
        ("Data Entry", "HubSpot", "Excel"),
        FIXED,
        (200, 600),
        (1, 2),
    ),
    _t(
        "support",
        "Lead research: 500 B2B contacts",
        "We need 500 verified contacts at logistics companies in the US Midwest: name, role, "
        "company, email and LinkedIn profile, in a spreadsheet.",
        ("Lead Generation", "Research", "LinkedIn Sales Navigator"),
        FIXED,
        (250, 700),
        (1, 3),
    ),
    _t(
        "support",
        "Live chat support for an online store",
        "Part-time live chat coverage on weekends for our online store. Friendly, fast and "
        "accurate; you'll have access to order lookups and a knowledge base.",
        ("Customer Support", "Live Chat", "Gorgias"),
        HOURLY,
        (12, 22),
        (8, 20),
    ),
    # --- finance ------------------------------------------------------------------------------
    _t(
        "finance",
        "Monthly bookkeeping in QuickBooks Online",
        "Small agency, about 150 transactions a month. We need bank reconciliation, expense "
        "categorisation, invoices chased and a monthly profit-and-loss summary.",
        ("QuickBooks", "Bookkeeping", "Reconciliation"),
        HOURLY,
        (30, 60),
        (12, 30),
    ),
    _t(
        "finance",
        "Financial model for a seed round",
        "We're raising a seed round and need a three-year model: revenue drivers, hiring plan, "
        "burn and runway, with scenarios we can walk investors through.",
        ("Financial Modeling", "Excel", "Startup Finance"),
        FIXED,
        (1500, 4000),
        (2, 4),
    ),
    _t(
        "finance",
        "Clean up two years of Xero books",
        "Our books fell behind during a busy stretch. We need two years of transactions "
        "reconciled and categorised, ready for our accountant to file.",
        ("Xero", "Bookkeeping", "Accounting"),
        FIXED,
        (900, 2500),
        (3, 6),
    ),
    _t(
        "finance",
        "Sales tax registration and filing set-up",
        "We now sell into eight US states. We need to know where we owe sales tax, get "
        "registered and have filing set up in our accounting software.",
        ("Sales Tax", "Accounting", "QuickBooks"),
        FIXED,
        (400, 1200),
        (1, 3),
    ),
)

TEMPLATES_BY_TITLE: dict[str, JobTemplate] = {t.title: t for t in JOB_TEMPLATES}

# --- Pieces of job descriptions ----------------------------------------------------------------

JOB_ASKS = (
    "Please share two or three examples of similar work in your proposal.",
    "Tell us briefly how you would approach the first week.",
    "In your proposal, mention a comparable project you shipped and what you would do "
    "differently now.",
    "Links to live work matter more to us than a long cover letter.",
    "If anything in this brief is unclear or looks like a bad idea, please say so.",
)

JOB_LOGISTICS = (
    "We'd like to start within two weeks.",
    "You'll work directly with me; expect a short call once a week.",
    "The budget is firm, but we're open to a phased plan if it helps.",
    "We have a shared Slack channel and reply within a working day.",
    "Some overlap with {timezone} working hours is important for us.",
    "There's room for more work after this if it goes well.",
)

# --- Pieces of cover letters -----------------------------------------------------------------

GREETINGS = ("Hi {name},", "Hello {name},", "Dear {name},", "Hi there,", "Hello,")

HOOKS = (
    "I read your post about {title} and it's right in my wheelhouse.",
    "Your {title} project caught my eye because I finished something very similar last month.",
    "I'd love to help with {title}.",
    "Thanks for the clear brief on {title}; it's refreshing to read one this specific.",
    "I'm applying for {title} because it lines up closely with the work I do every day.",
)

APPROACH_FIXED = (
    "I'd split the work into clear milestones so you can review progress before paying for "
    "the next one.",
    "My first step would be a 30-minute call to confirm scope, then a written plan with dates.",
    "I'll send a short update every couple of days and a preview as soon as there is something "
    "to click on.",
    "I work in small, reviewable steps and keep everything in a shared folder you own from day "
    "one.",
)

APPROACH_HOURLY = (
    "I bill only for focused time and send a short written summary at the end of each day I work.",
    "I'm comfortable working from a ticket board and picking up the next priority without "
    "hand-holding.",
    "I can start with a small paid trial task so you can judge the fit before committing.",
    "I keep a shared log of hours and what they went into, so invoices never surprise anyone.",
)

BID_FIXED = (
    "My quote of {money} covers everything in your brief, including one round of revisions.",
    "I can deliver this for {money}, in about {weeks} weeks.",
    "For {money} you'd get the full scope above; happy to phase it if that suits your budget.",
)

BID_HOURLY = (
    "My rate is {money}/hour and I can commit about {hours} hours a week.",
    "I charge {money}/hour and have about {hours} hours a week free from next Monday.",
    "At {money}/hour I'd expect the first phase to take roughly {hours} hours a week.",
)

SIGN_OFFS = (
    "Happy to answer any questions.\n\nBest,\n{first}",
    "Looking forward to hearing from you.\n\n{first}",
    "Thanks for considering me.\n\nKind regards,\n{first}",
    "If it helps, I'm free for a quick call this week.\n\nCheers,\n{first}",
)

# --- Pieces of freelancer overviews ----------------------------------------------------------

TRACK_RECORDS = (
    "Over the past {years} years I've worked with more than {clients} clients, from two-person "
    "startups to established companies.",
    "I've been freelancing for {years} years and most of my work comes from repeat clients and "
    "referrals.",
    "Before going independent I spent {years} years in-house, so I know what it's like on the "
    "client's side.",
)

WORKING_STYLES = (
    "I communicate early and often, and I'd rather flag a problem on Monday than explain it on "
    "Friday.",
    "I work in small, reviewable steps and document everything I hand over.",
    "I'm based in {city} and usually overlap with both European and US East Coast hours.",
    "I take on a few clients at a time so each one gets my full attention.",
)
