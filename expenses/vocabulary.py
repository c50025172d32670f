"""The expense parser's words: category keywords with their weights, and brands.

`detect_category(text)` scores the words of a text per category; the parser
(`nlp_parser.py`) also reads vendors from `BRANDS` and `TERMS`.
"""

import re

from mysphere_core.phrases import fold

DEFAULT_CATEGORY = "Other"

# --- categories -----------------------------------------------------------------------
# Keyword -> weight, per category. Meals weigh 4 (breakfast at the hotel is food),
# other activity and product words 3, so they beat the usual category of the shop
# they happen at ("lunch at Target"); brands weigh 2; words that often belong
# elsewhere ("ticket", "bill") weigh 1.

_FOOD = """
4: lunch dinner breakfast brunch coffee coffees meal meals
3: restaurant restaurants cafe café latte cappuccino espresso pizza burger burgers
   sushi taco tacos burrito sandwich sandwiches bakery pastry pastries donut donuts
   doughnut bagel takeout take-out
   takeaway snack snacks beer beers cocktail cocktails drinks diner bistro noodles
   ramen pho curry kebab bbq steakhouse steak ice cream smoothie boba dessert buffet
   food truck brewery pub wings salad fast food dim sum frappuccino chai samosa
   samosas biryani dosa thali falafel shawarma gyro paella tapas pizzas pasta
   bagels kebabs salads smoothies desserts steaks dosas croissant croissants
2: food eat ate eating bar wine tea juice catering tip
"""
_GROCERIES = """
3: grocery groceries supermarket produce vegetables veggies fruit fruits milk eggs
   bread toilet paper paper towels detergent cereal flour butter cheese yogurt
   farmers market butcher household supplies
1: rice meat chicken market
"""
_SHOPPING = """
3: clothes clothing shirt t-shirt shoes sneakers boots jeans dress jacket coat hoodie
   socks underwear handbag jewelry jewellery electronics laptop headphones earbuds
   charger tv television camera furniture sofa couch lamp gift gifts present toys toy
   decor mall shopping bookshelf mattress cosmetics makeup perfume sunglasses backpack
   new phone tablet monitor keyboard appliance appliances kitchenware
1: order store shop bag watch cable
"""
_TRAVEL = """
3: taxi cab ride fuel petrol diesel gas station parking toll tolls metro train trains
   bus tram ferry flight flights airline airfare plane airport hotel motel hostel
   car rental rental car luggage baggage trip vacation holiday cruise car wash
   oil change tire tires tyres ev charging commute transit fare boarding pass
   train ticket train tickets plane ticket bus ticket garage subway fare
2: gas
"""
_UTILITIES = """
3: electricity electric bill power bill water bill gas bill utility utilities
   internet wifi wi-fi broadband phone bill mobile bill cell phone bill cable bill
   rent mortgage heating trash sewage council tax insurance phone plan data plan
   energy bill
1: bill bills
"""
_HEALTH = """
3: pharmacy drugstore medicine medicines medication prescription pills vitamins
   doctor dentist dental clinic hospital physio physiotherapy therapy therapist
   checkup check-up lab test blood test x-ray optician glasses contact lenses gym
   fitness yoga pilates copay co-pay massage spa flu shot vaccine haircut barber
   salon cold medicine health insurance
"""
_EDUCATION = """
3: course courses tuition school college university textbook textbooks book books
   ebook workshop seminar training certification certificate exam tutor tutoring
   lesson lessons school supplies stationery notebook notebooks bootcamp
   language app
2: class classes
"""
_ENTERTAINMENT = """
3: movie movies cinema film theater theatre concert show museum zoo bowling arcade
   karaoke amusement park theme park festival nightclub party video game video games
   game games gaming streaming comedy escape room mini golf golf game pass
   concert tickets movie tickets museum tickets
1: ticket tickets subscription club
"""

# Brands: display name, category and the ways people write them.
_BRANDS = """
Food & Dining: McDonald's=mcdonald's,mcdonalds,mcd | Starbucks | Subway | KFC |
  Burger King | Wendy's=wendy's,wendys | Taco Bell | Chipotle |
  Domino's=domino's,dominos | Pizza Hut | Papa John's=papa john's,papa johns |
  Dunkin'=dunkin,dunkin',dunkin donuts | Tim Hortons | Panera=panera,panera bread |
  Chick-fil-A=chick-fil-a,chick fil a | Five Guys | Shake Shack | Popeyes |
  Dairy Queen | Costa=costa,costa coffee | Pret=pret,pret a manger |
  Nando's=nando's,nandos | DoorDash=doordash | Uber Eats=uber eats,ubereats |
  Grubhub | Deliveroo | Just Eat | Zomato | Swiggy | Panda Express | Olive Garden |
  Applebee's=applebee's,applebees | Denny's=denny's,dennys | IHOP |
  In-N-Out=in-n-out,in n out | Arby's=arby's,arbys | Wingstop | Krispy Kreme |
  Baskin-Robbins=baskin robbins,baskin-robbins | Peet's=peet's,peets | Greggs |
  Wagamama | Blue Bottle | Jollibee | Sweetgreen
Groceries: Walmart | Kroger | Safeway | Whole Foods |
  Trader Joe's=trader joe's,trader joes | Aldi | Lidl | Costco | Publix | Wegmans |
  H-E-B=heb,h-e-b | Food Lion | Albertsons | Sprouts | Tesco |
  Sainsbury's=sainsbury's,sainsburys | Asda | Morrisons | Waitrose | Carrefour |
  Instacart | BigBasket=bigbasket,big basket | Blinkit | DMart=dmart,d-mart,d mart |
  Reliance Fresh | More=more,more supermarket,more megastore |
  Spencer's=spencer's,spencers | Nature's Basket=nature's basket,natures basket |
  Zepto | Swiggy Instamart=swiggy instamart,instamart | JioMart=jiomart |
  7-Eleven=7-eleven,7 eleven,seven eleven | Meijer | Giant |
  Stop & Shop=stop & shop,stop and shop | Save-A-Lot | Rewe | Edeka
Shopping: Amazon | Target | Best Buy | IKEA | Nike | Adidas | Zara | H&M=h&m |
  Uniqlo | Gap | Old Navy | Primark | Apple Store | eBay=ebay | Etsy | Shein | Temu |
  AliExpress=aliexpress | Flipkart | Myntra | Home Depot | Lowe's=lowe's,lowes |
  Macy's=macy's,macys | Nordstrom | Kohl's=kohl's,kohls |
  TJ Maxx=tj maxx,tjmaxx,t.j. maxx | Marshalls | Sephora | Ulta |
  Argos | John Lewis | Decathlon
Travel: Uber | Lyft | Ola | Bolt | Grab | Shell | Chevron | Exxon | BP=bp | Mobil |
  Texaco | Airbnb | Booking.com=booking.com,booking | Expedia | Hertz | Avis |
  Enterprise | Delta=delta,delta airlines | United Airlines=united,united airlines |
  American Airlines | Southwest | Ryanair | easyJet=easyjet | Lufthansa | Emirates |
  British Airways | Air France | JetBlue=jetblue | Amtrak | Greyhound | Megabus |
  Marriott | Hilton | Hyatt | Eurostar | Trainline | Indigo | Turo | Lime |
  Citi Bike
Utilities: Verizon | AT&T=at&t,att | T-Mobile=t-mobile,tmobile | Comcast | Xfinity |
  Spectrum | Vodafone | O2=o2 | EE=ee | Airtel | Jio | Con Edison=con edison,coned |
  PG&E=pg&e | Duke Energy | British Gas | Octopus Energy | iCloud=icloud |
  Google One | Google Fi
Health: CVS | Walgreens | Rite Aid | Boots | Superdrug | Apollo Pharmacy |
  Planet Fitness | Equinox | Peloton | LensCrafters | One Medical | Teladoc |
  Anytime Fitness
Education: Udemy | Coursera | edX=edx | Skillshare | MasterClass=masterclass |
  Duolingo | Khan Academy | Barnes & Noble=barnes & noble,barnes and noble | Chegg |
  Brilliant | Pluralsight | Codecademy
Entertainment: Netflix | Spotify | Hulu | Disney+=disney+,disney plus |
  HBO Max=hbo,hbo max | Prime Video | YouTube Premium=youtube premium,youtube |
  Apple Music | Twitch | Steam | PlayStation=playstation,psn,ps5 | Xbox | Nintendo |
  AMC | Regal | Cineworld | Odeon | Ticketmaster | Eventbrite | StubHub=stubhub |
  Audible | Paramount+=paramount+,paramount plus | Live Nation
"""

_CATEGORY_TEXTS = {
    "Food & Dining": _FOOD,
    "Groceries": _GROCERIES,
    "Shopping": _SHOPPING,
    "Travel": _TRAVEL,
    "Utilities": _UTILITIES,
    "Health": _HEALTH,
    "Education": _EDUCATION,
    "Entertainment": _ENTERTAINMENT,
}
# Tie-break order: the more specific categories first.
_CATEGORY_PRIORITY = (
    "Utilities",
    "Health",
    "Education",
    "Groceries",
    "Travel",
    "Entertainment",
    "Food & Dining",
    "Shopping",
)
BRAND_WEIGHT = 2


def _load_keywords() -> dict[str, tuple[str, int]]:
    """`{keyword: (category, weight)}` from the tables above (multi-word kept)."""
    table: dict[str, tuple[str, int]] = {}
    for category, text in _CATEGORY_TEXTS.items():
        weight = 0
        for line in text.strip().splitlines():
            head, _, rest = line.partition(":")
            if head.strip().isdigit():
                weight, line = int(head), rest
            words = line.split()
            index = 0
            while index < len(words):
                # Two- and three-word phrases are listed greedily where known.
                for size in (3, 2):
                    phrase = " ".join(words[index : index + size])
                    if phrase in _PHRASES:
                        table[phrase] = (category, weight)
                        index += size
                        break
                else:
                    table[words[index]] = (category, weight)
                    index += 1
    return table


_PHRASES = {
    "ice cream",
    "food truck",
    "fast food",
    "dim sum",
    "toilet paper",
    "paper towels",
    "farmers market",
    "household supplies",
    "new phone",
    "gas station",
    "car rental",
    "rental car",
    "car wash",
    "oil change",
    "ev charging",
    "boarding pass",
    "train ticket",
    "train tickets",
    "plane ticket",
    "bus ticket",
    "subway fare",
    "electric bill",
    "power bill",
    "water bill",
    "gas bill",
    "phone bill",
    "mobile bill",
    "cell phone bill",
    "cable bill",
    "council tax",
    "phone plan",
    "data plan",
    "energy bill",
    "lab test",
    "blood test",
    "contact lenses",
    "flu shot",
    "cold medicine",
    "health insurance",
    "school supplies",
    "language app",
    "amusement park",
    "theme park",
    "video game",
    "video games",
    "escape room",
    "mini golf",
    "game pass",
    "concert tickets",
    "movie tickets",
    "museum tickets",
}


def _load_brands() -> dict[str, tuple[str, str]]:
    """`{alias: (display name, category)}`."""
    brands: dict[str, tuple[str, str]] = {}
    for block in re.split(r"\n(?=[A-Z][\w &]+:)", _BRANDS.strip()):
        category, _, rest = block.partition(":")
        for entry in rest.split("|"):
            entry = " ".join(entry.split())
            if not entry:
                continue
            name, _, aliases = entry.partition("=")
            for alias in aliases.split(",") if aliases else [name.lower()]:
                brands[alias.strip().lower()] = (name, category.strip())
    return brands


KEYWORDS = _load_keywords()
BRANDS = _load_brands()


def _term_pattern(terms: list[str]) -> re.Pattern:
    """One regex matching any term as whole words, longest first."""
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w&'+-])(?:{alternation})(?![\w&+]|-\w)", re.IGNORECASE)


TERMS = _term_pattern(list(KEYWORDS) + list(BRANDS))
# Brands that are also everyday words count only when written with a capital
# ("Grab" the ride app, not "grab lunch"); the vendor after "at" / "from" is read
# in any case. Those in `_CUE_ONLY_BRANDS` also need "at" / "from" right before
# them ("at More", not "More snacks" or "paid More").
_COMMON_WORD_BRANDS = {
    "target",
    "gap",
    "grab",
    "shell",
    "boots",
    "lime",
    "delta",
    "spectrum",
    "brilliant",
    "enterprise",
    "giant",
    "indigo",
    "southwest",
    "bolt",
    "ee",
    "o2",
    "ola",
    "jio",
    "mobil",
    "booking",
    "costa",
    "pret",
    "steam",
    "amc",
    "regal",
    "sprouts",
    "subway",
    "more",
}
_CUE_ONLY_BRANDS = {"more"}
_BRAND_CUE = re.compile(r"\b(?:at|from)\s+$", re.IGNORECASE)


def as_brand(term: str, before: str) -> tuple[str, str] | None:
    """(display name, category) when the matched term, preceded by the text
    `before`, stands for a brand."""
    key = term.lower()
    if key not in BRANDS:
        return None
    if key in _COMMON_WORD_BRANDS and not term[:1].isupper():
        return None
    if key in _CUE_ONLY_BRANDS and not _BRAND_CUE.search(before):
        return None
    return BRANDS[key]


def category_scores(text: str) -> dict[str, int]:
    """Keyword and brand weights found in the text, per category."""
    scores: dict[str, int] = {}
    for match in TERMS.finditer(text):
        term = match.group(0)
        brand = as_brand(term, text[: match.start()])
        if term.lower() in KEYWORDS:
            category, weight = KEYWORDS[term.lower()]
        elif brand:
            category, weight = brand[1], BRAND_WEIGHT
        else:
            continue
        scores[category] = scores.get(category, 0) + weight
    return scores


def detect_category(text: str) -> str:
    """The category the words of `text` point to most ("Other" when none do)."""
    scores = category_scores(text)
    if not scores:
        return DEFAULT_CATEGORY
    return max(
        scores,
        key=lambda c: (scores[c], -_CATEGORY_PRIORITY.index(c)),
    )


# The words a question names each category by (English and Spanish, folded).
CATEGORY_WORDS = {
    "Food & Dining": r"food|dining|eating\s+out|restaurants?|takeaways?|comida|"
    r"restaurantes?|comer\s+fuera",
    "Groceries": r"groceries|grocery|supermarket|supermercado|compra",
    "Shopping": r"shopping|clothes|clothing|ropa|compras",
    "Travel": r"travel|trips?|holidays?|vacations?|viajes?|transport",
    "Entertainment": r"entertainment|fun|going\s+out|movies|games|ocio|cine",
    "Utilities": r"utilities|bills|electricity|internet|luz|facturas",
    "Health": r"health|medical|pharmacy|doctor|salud|farmacia",
    "Education": r"education|school|courses?|books|educacion|cursos?|libros",
}


def category_named(text: str) -> str | None:
    """The expense category a text names by one of its words, or None."""
    words = fold(text)
    for category, pattern in CATEGORY_WORDS.items():
        if re.search(rf"\b(?:{pattern})\b", words):
            return category
    for category in _CATEGORY_PRIORITY:
        if category.lower() in words:
            return category
    return None
