"""The well-known subscriptions the parser and the insights recognise: their
aliases, canonical name, provider, category and overlap group (video streaming,
music, cloud storage...)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownService:
    """A well-known subscription: canonical name, provider, category, overlap group."""

    aliases: tuple[str, ...]
    name: str
    provider: str
    category: str
    group: str


KNOWN_SERVICES: tuple[KnownService, ...] = (
    KnownService(("netflix",), "Netflix", "Netflix", "Streaming", "video streaming"),
    KnownService(
        ("disney+", "disney plus", "disneyplus", "disney"),
        "Disney+",
        "Disney",
        "Streaming",
        "video streaming",
    ),
    KnownService(("hulu",), "Hulu", "Hulu", "Streaming", "video streaming"),
    KnownService(
        ("hbo max", "hbo"), "HBO Max", "Warner Bros.", "Streaming", "video streaming"
    ),
    KnownService(
        ("prime video",), "Prime Video", "Amazon", "Streaming", "video streaming"
    ),
    KnownService(
        ("apple tv+", "apple tv plus", "apple tv"),
        "Apple TV+",
        "Apple",
        "Streaming",
        "video streaming",
    ),
    KnownService(
        ("paramount+", "paramount plus", "paramount"),
        "Paramount+",
        "Paramount",
        "Streaming",
        "video streaming",
    ),
    KnownService(
        ("peacock",), "Peacock", "NBCUniversal", "Streaming", "video streaming"
    ),
    KnownService(
        ("crunchyroll",), "Crunchyroll", "Crunchyroll", "Streaming", "video streaming"
    ),
    KnownService(
        ("youtube premium",),
        "YouTube Premium",
        "Google",
        "Streaming",
        "video streaming",
    ),
    KnownService(("youtube music",), "YouTube Music", "Google", "Music", "music"),
    KnownService(("spotify",), "Spotify", "Spotify", "Music", "music"),
    KnownService(("apple music",), "Apple Music", "Apple", "Music", "music"),
    KnownService(("amazon music",), "Amazon Music", "Amazon", "Music", "music"),
    KnownService(("tidal",), "Tidal", "Tidal", "Music", "music"),
    KnownService(("deezer",), "Deezer", "Deezer", "Music", "music"),
    KnownService(("pandora",), "Pandora", "Pandora", "Music", "music"),
    KnownService(
        ("amazon prime", "prime membership"),
        "Amazon Prime",
        "Amazon",
        "Shopping",
        "shopping membership",
    ),
    KnownService(("audible",), "Audible", "Amazon", "Books", "audiobooks"),
    KnownService(
        ("kindle unlimited",), "Kindle Unlimited", "Amazon", "Books", "ebooks"
    ),
    KnownService(
        ("icloud+", "icloud"), "iCloud+", "Apple", "Cloud Storage", "cloud storage"
    ),
    KnownService(
        ("google one",), "Google One", "Google", "Cloud Storage", "cloud storage"
    ),
    KnownService(("dropbox",), "Dropbox", "Dropbox", "Cloud Storage", "cloud storage"),
    KnownService(
        ("onedrive",), "OneDrive", "Microsoft", "Cloud Storage", "cloud storage"
    ),
    KnownService(
        ("microsoft 365", "office 365", "ms 365"),
        "Microsoft 365",
        "Microsoft",
        "Software",
        "office suite",
    ),
    KnownService(
        ("adobe creative cloud", "creative cloud", "adobe cc", "adobe", "photoshop"),
        "Adobe Creative Cloud",
        "Adobe",
        "Software",
        "design tools",
    ),
    KnownService(
        ("chatgpt plus", "chatgpt", "openai"),
        "ChatGPT Plus",
        "OpenAI",
        "Software",
        "ai assistant",
    ),
    KnownService(
        ("claude pro", "claude"), "Claude Pro", "Anthropic", "Software", "ai assistant"
    ),
    KnownService(
        ("github copilot", "copilot"),
        "GitHub Copilot",
        "GitHub",
        "Software",
        "ai assistant",
    ),
    KnownService(("notion",), "Notion", "Notion", "Software", "notes"),
    KnownService(("evernote",), "Evernote", "Evernote", "Software", "notes"),
    KnownService(("slack",), "Slack", "Slack", "Software", "team chat"),
    KnownService(("zoom",), "Zoom", "Zoom", "Software", "video calls"),
    KnownService(("canva",), "Canva", "Canva", "Software", "design tools"),
    KnownService(("figma",), "Figma", "Figma", "Software", "design tools"),
    KnownService(
        ("1password",), "1Password", "1Password", "Software", "password manager"
    ),
    KnownService(("lastpass",), "LastPass", "LastPass", "Software", "password manager"),
    KnownService(("dashlane",), "Dashlane", "Dashlane", "Software", "password manager"),
    KnownService(
        ("nordvpn", "nord vpn"), "NordVPN", "Nord Security", "Software", "vpn"
    ),
    KnownService(
        ("expressvpn", "express vpn"), "ExpressVPN", "Kape", "Software", "vpn"
    ),
    KnownService(("surfshark",), "Surfshark", "Surfshark", "Software", "vpn"),
    KnownService(
        ("xbox game pass", "game pass"),
        "Xbox Game Pass",
        "Microsoft",
        "Gaming",
        "gaming",
    ),
    KnownService(
        ("playstation plus", "ps plus"), "PlayStation Plus", "Sony", "Gaming", "gaming"
    ),
    KnownService(
        ("nintendo switch online",),
        "Nintendo Switch Online",
        "Nintendo",
        "Gaming",
        "gaming",
    ),
    KnownService(("peloton",), "Peloton", "Peloton", "Fitness", "fitness"),
    KnownService(("strava",), "Strava", "Strava", "Fitness", "fitness"),
    KnownService(
        ("planet fitness",), "Planet Fitness", "Planet Fitness", "Fitness", "gym"
    ),
    KnownService(
        ("new york times", "nytimes", "nyt"),
        "The New York Times",
        "The New York Times",
        "News",
        "news",
    ),
    KnownService(
        ("washington post",),
        "The Washington Post",
        "The Washington Post",
        "News",
        "news",
    ),
    KnownService(
        ("wall street journal", "wsj"),
        "The Wall Street Journal",
        "Dow Jones",
        "News",
        "news",
    ),
    KnownService(
        ("the economist", "economist"),
        "The Economist",
        "The Economist",
        "News",
        "news",
    ),
    KnownService(("medium",), "Medium", "Medium", "News", "reading"),
    KnownService(("duolingo",), "Duolingo", "Duolingo", "Education", "learning"),
    KnownService(("coursera",), "Coursera", "Coursera", "Education", "learning"),
    KnownService(
        ("masterclass",), "MasterClass", "MasterClass", "Education", "learning"
    ),
    KnownService(
        ("linkedin premium", "linkedin"),
        "LinkedIn Premium",
        "LinkedIn",
        "Software",
        "career",
    ),
    KnownService(
        ("hellofresh", "hello fresh"), "HelloFresh", "HelloFresh", "Food", "meal kits"
    ),
    KnownService(
        ("dashpass", "doordash"), "DashPass", "DoorDash", "Food", "food delivery"
    ),
    KnownService(("uber one",), "Uber One", "Uber", "Food", "food delivery"),
)
