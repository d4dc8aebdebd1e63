"""The text the benchmark corpus is made of: Swedish sentences paired with their English.

Every entry is ``(swedish, english)``. Templates hold slots (``{city}``, ``{topic}`` ...)
that ``bench.corpus`` fills from the filler pairs below, the Swedish side with the Swedish
filler and the English side with the English one, so each English posting is a faithful
block-by-block translation of its Swedish original.
"""

from __future__ import annotations

Pair = tuple[str, str]

CITIES: list[Pair] = [
    ("Göteborg", "Gothenburg"),
    ("Malmö", "Malmö"),
    ("Västerås", "Västerås"),
    ("Örebro", "Örebro"),
    ("Umeå", "Umeå"),
    ("Luleå", "Luleå"),
    ("Jönköping", "Jönköping"),
    ("Växjö", "Växjö"),
    ("Norrköping", "Norrköping"),
    ("Östersund", "Östersund"),
    ("Borås", "Borås"),
    ("Sundsvall", "Sundsvall"),
    ("Gävle", "Gävle"),
    ("Härnösand", "Härnösand"),
    ("Södertälje", "Södertälje"),
    ("Botkyrka", "Botkyrka"),
]

TOPICS: list[Pair] = [
    ("klimatomställningen", "the climate transition"),
    ("tryggheten i stadsdelen", "safety in the neighbourhood"),
    ("framtidens kollektivtrafik", "the public transport of the future"),
    ("skolgårdarnas utformning", "the design of school playgrounds"),
    ("den lokala matförsörjningen", "the local food supply"),
    ("äldres digitala delaktighet", "the digital inclusion of older people"),
    ("grönområdena i förorten", "the green spaces of the suburbs"),
    ("nya bostäder vid älven", "new housing by the river"),
    ("biblioteket som mötesplats", "the library as a meeting place"),
    ("cykelvägarna i centrum", "the cycle paths in the city centre"),
    ("ungas fritid", "young people's leisure time"),
    ("energisparande i hemmen", "saving energy at home"),
]

PARTNERS: list[Pair] = [
    ("Civic Tech Sweden", "Civic Tech Sweden"),
    ("Decidim Association", "the Decidim Association"),
    ("Sveriges Kommuner och Regioner", "the Swedish Association of Local Authorities and Regions"),
    ("Livsmedelsverket", "the Swedish Food Agency"),
    ("Göteborgs universitet", "the University of Gothenburg"),
    ("Studieförbundet Vuxenskolan", "the adult education association Vuxenskolan"),
    ("Region Västerbotten", "Region Västerbotten"),
    ("Malmö universitet", "Malmö University"),
]

FUNDERS: list[Pair] = [
    ("Vinnova", "Vinnova"),
    ("Allmänna arvsfonden", "the Swedish Inheritance Fund"),
    ("Europeiska regionala utvecklingsfonden", "the European Regional Development Fund"),
    ("Energimyndigheten", "the Swedish Energy Agency"),
]

NAMES: list[Pair] = [
    (name, name)
    for name in (
        "Åsa Lindström",
        "Jörgen Öberg",
        "Märta Häggström",
        "Björn Åkesson",
        "Linnéa Sjögren",
        "Göran Bäckström",
        "Sofia Ekström",
        "Per Nyström",
        "Ingrid Sandén",
        "Ali Hassan",
        "Elin Sköld",
        "Mårten Löfgren",
    )
]

SPEAKER_ROLES: list[Pair] = [
    ("processledare", "facilitator"),
    ("projektledare", "project manager"),
    ("digital strateg", "digital strategist"),
    ("forskare", "researcher"),
    ("utvecklare", "developer"),
]

JOB_ROLES: list[Pair] = [
    ("utvecklare", "developer"),
    ("processledare", "facilitator"),
    ("kommunikatör", "communications officer"),
    ("projektledare", "project manager"),
    ("UX-designer", "UX designer"),
    ("systemadministratör", "system administrator"),
    ("utbildningssamordnare", "training coordinator"),
]

SKILLS: list[Pair] = [
    ("systemadministration i Linuxmiljö", "system administration in a Linux environment"),
    ("processledning", "facilitation"),
    ("kommunikation och sociala medier", "communications and social media"),
    ("projektledning", "project management"),
    ("användarcentrerad design", "user-centred design"),
    ("webbutveckling", "web development"),
]

MONTHS: list[Pair] = [
    ("januari", "January"),
    ("februari", "February"),
    ("mars", "March"),
    ("april", "April"),
    ("maj", "May"),
    ("juni", "June"),
    ("juli", "July"),
    ("augusti", "August"),
    ("september", "September"),
    ("oktober", "October"),
    ("november", "November"),
    ("december", "December"),
]

NEWS_TITLES: list[Pair] = [
    ("Medborgarpanel i {city} om {topic}", "Citizens' panel in {city} on {topic}"),
    ("Invånare i {city} formar {topic}", "Residents of {city} shape {topic}"),
    ("Nu startar dialogen om {topic} i {city}", "The dialogue on {topic} starts now in {city}"),
    (
        "Rapport: så vill invånarna i {city} förändra {topic}",
        "Report: how the residents of {city} want to change {topic}",
    ),
    ("Öppet möte i {city} om {topic}", "Open meeting in {city} on {topic}"),
    (
        "Medborgarbudget i {city}: rösta om {topic}",
        "Participatory budget in {city}: vote on {topic}",
    ),
]

NEWS_EXCERPTS: list[Pair] = [
    (
        "Digidem Lab bjuder in invånare i {city} att delta i samtalet om {topic}.",
        "Digidem Lab invites the residents of {city} to join the conversation on {topic}.",
    ),
    (
        "Hur ska {topic} se ut om tio år? Invånarna i {city} får vara med och bestämma.",
        "What should {topic} look like in ten years? The residents of {city} get to help decide.",
    ),
]

JOB_TITLES: list[Pair] = [
    ("Ledig tjänst: {Role} i {city}", "Vacancy: {Role} in {city}"),
    (
        "Vi söker en {role} till kontoret i {city}",
        "We are looking for a {role} for our {city} office",
    ),
    ("Ansökan stängd: {Role} till demokratilabb", "Application closed: {Role} for a democracy lab"),
]

JOB_EXCERPTS: list[Pair] = [
    (
        "Digidem Lab söker en {role} som vill arbeta för ökat demokratiskt deltagande.",
        "Digidem Lab is looking for a {role} who wants to work for greater democratic "
        "participation.",
    ),
]

NEWS_HEADINGS: list[Pair] = [
    ("Bakgrund", "Background"),
    ("Så går det till", "How it works"),
    ("Vad händer nu?", "What happens next?"),
    ("Om projektet", "About the project"),
    ("Så kan du delta", "How you can take part"),
    ("Resultat hittills", "Results so far"),
    ("Vill du veta mer?", "Want to know more?"),
    ("Tidplan", "Timetable"),
]

NEWS_SENTENCES: list[Pair] = [
    (
        "Under våren bjuder vi in invånare i {city} att tycka till om {topic}.",
        "This spring we invite the residents of {city} to give their views on {topic}.",
    ),
    (
        "Arbetet sker tillsammans med {partner} och pågår till och med {month} {year}.",
        "The work is carried out together with {partner} and runs until {month} {year}.",
    ),
    (
        "Totalt deltog {n} personer i de första träffarna, fler än vi hade räknat med.",
        "In total, {n} people took part in the first meetings, more than we had expected.",
    ),
    (
        "Medborgarpanelen består av slumpvis utvalda invånare som speglar befolkningen i ålder, "
        "kön och bostadsområde.",
        "The citizens' panel consists of randomly selected residents who reflect the population "
        "in age, gender and neighbourhood.",
    ),
    (
        "Deltagarna får ta del av kunskap från forskare och tjänstepersoner innan de formulerar "
        "sina förslag.",
        "The participants hear from researchers and civil servants before they draw up their "
        "proposals.",
    ),
    (
        "Förslagen lämnas sedan över till kommunens politiker, som ska svara på vart och ett "
        "av dem.",
        "The proposals are then handed over to the municipality's politicians, who are to respond "
        "to each one of them.",
    ),
    (
        "Vi använder den öppna plattformen [Decidim](https://decidim.org) för att samla in idéer "
        "och synpunkter digitalt.",
        "We use the open platform [Decidim](https://decidim.org) to collect ideas and views "
        "online.",
    ),
    (
        "Den som inte vill delta digitalt kan lämna sina förslag på biblioteket i {city} eller "
        "ringa oss.",
        "Anyone who prefers not to take part online can hand in their proposals at the library "
        "in {city} or call us.",
    ),
    (
        "Målet är att fler ska få möjlighet att påverka beslut som rör deras vardag.",
        "The aim is to give more people the opportunity to influence decisions that affect their "
        "everyday lives.",
    ),
    (
        "Vi har tidigare genomfört liknande processer med {partner}, och erfarenheterna därifrån "
        "är viktiga för oss.",
        "We have previously carried out similar processes with {partner}, and the experience "
        "from them matters to us.",
    ),
    (
        "Resultatet presenteras på ett öppet möte den {day} {month} i stadshuset.",
        "The result will be presented at an open meeting on {day} {month} at the city hall.",
    ),
    (
        "Alla som bor, arbetar eller studerar i {city} är välkomna att delta.",
        "Everyone who lives, works or studies in {city} is welcome to take part.",
    ),
    (
        "Under hösten fortsätter arbetet med workshoppar i skolor och föreningar.",
        "In the autumn the work continues with workshops in schools and associations.",
    ),
    (
        "Processen finansieras av {funder} och följs av en forskargrupp som utvärderar den.",
        "The process is funded by {funder} and followed by a research group that evaluates it.",
    ),
    (
        "Vi vill särskilt nå unga och personer som sällan hörs i det offentliga samtalet.",
        "We particularly want to reach young people and those who are seldom heard in public "
        "debate.",
    ),
    (
        "Därför samarbetar vi med lokala föreningar som redan har förtroende i området.",
        "That is why we work with local associations that already have the trust of the area.",
    ),
    (
        "En budget på {n} 000 kronor fördelas till de förslag som får flest röster.",
        "A budget of {n},000 kronor will be shared among the proposals that receive the most "
        "votes.",
    ),
    (
        "Röstningen är öppen i tre veckor och sker både digitalt och på plats.",
        "Voting is open for three weeks and takes place both online and in person.",
    ),
    (
        "Alla förslag och kommentarer publiceras öppet så att vem som helst kan följa arbetet.",
        "All proposals and comments are published openly so that anyone can follow the work.",
    ),
    (
        "Källkoden till de verktyg vi utvecklar är fri och finns på "
        "[GitHub](https://github.com/digidemlab).",
        "The source code of the tools we develop is free and available on "
        "[GitHub](https://github.com/digidemlab).",
    ),
    (
        "Projektet är en del av ett nätverk av städer i Europa som prövar nya former av "
        "deltagande.",
        "The project is part of a network of European cities that are trying out new forms of "
        "participation.",
    ),
    (
        "Intresset har varit stort, och flera andra kommuner har redan hört av sig.",
        "Interest has been high, and several other municipalities have already been in touch.",
    ),
    (
        "Mötet hålls på svenska, men tolkning till engelska och arabiska finns på plats.",
        "The meeting is held in Swedish, but interpretation into English and Arabic is available "
        "on site.",
    ),
    (
        "Efter varje träff sammanställer vi vad som har sagts och skickar det till alla deltagare.",
        "After each meeting we summarise what was said and send it to all participants.",
    ),
    (
        "Frågan om {topic} berör många, och åsikterna går ofta isär.",
        "The question of {topic} concerns many people, and opinions often differ.",
    ),
    (
        "Det är just därför ett samtal mellan människor med olika erfarenheter behövs.",
        "That is exactly why a conversation between people with different experiences is needed.",
    ),
    (
        "Läs mer om metoden på [vår sida om medborgarpaneler](https://digidemlab.org/medborgarpaneler).",
        "Read more about the method on "
        "[our page about citizens' panels](https://digidemlab.org/en/citizens-panels).",
    ),
    (
        "Har du frågor är du välkommen att mejla oss på <info@digidemlab.org>.",
        "If you have questions, you are welcome to email us at <info@digidemlab.org>.",
    ),
    (
        "Vi återkommer med fler nyheter när förslagen har behandlats av nämnden.",
        "We will be back with more news once the committee has dealt with the proposals.",
    ),
    (
        "Kommunen har lovat att avsätta tid på fullmäktiges möte i {month} för att diskutera "
        "resultatet.",
        "The municipality has promised to set aside time at the council meeting in {month} to "
        "discuss the result.",
    ),
    (
        "Flera av deltagarna hade aldrig tidigare varit med på ett politiskt möte.",
        "Several of the participants had never been to a political meeting before.",
    ),
    (
        "Vi har översatt underlaget till lättläst svenska och till fem andra språk.",
        "We have translated the material into easy-to-read Swedish and five other languages.",
    ),
    (
        "Träffarna hålls på kvällstid i lokaler som är tillgängliga för alla.",
        "The meetings are held in the evenings in venues that are accessible to everyone.",
    ),
    (
        "Barnpassning och fika ordnas för den som vill delta.",
        "Childcare and coffee are provided for those who want to take part.",
    ),
    (
        "Deltagarna får ett arvode för den tid de lägger ned, precis som politikerna i nämnderna.",
        "The participants are paid for the time they put in, just like the politicians on the "
        "committees.",
    ),
    (
        "Hittills har {n} förslag kommit in, och nästan alla handlar om {topic}.",
        "So far {n} proposals have come in, and almost all of them are about {topic}.",
    ),
]

GENERAL_SENTENCES: list[Pair] = [
    (
        "Digidem Lab är ett medarbetarägt företag som arbetar för ökat demokratiskt deltagande.",
        "Digidem Lab is an employee-owned company that works for greater democratic participation.",
    ),
    (
        "Vi kombinerar deltagande metoder, processledning och digital utveckling.",
        "We combine participatory methods, facilitation and digital development.",
    ),
    (
        "Sedan starten har vi arbetat med ett fyrtiotal kommuner och regioner i Sverige och "
        "Europa.",
        "Since we started, we have worked with some forty municipalities and regions in Sweden "
        "and Europe.",
    ),
    (
        "Vi driver medborgarpaneler, medborgarbudgetar och utbildningar i lokalt organiserande.",
        "We run citizens' panels, participatory budgets and training in local organising.",
    ),
    (
        "Ett prioriterat område de kommande åren är klimatjuryer för lokal omställning.",
        "A priority area for the coming years is climate juries for local transition.",
    ),
    (
        "Alla våra digitala verktyg bygger på öppen källkod och öppna standarder.",
        "All our digital tools are built on open source and open standards.",
    ),
    (
        "Vi delar gärna med oss av våra erfarenheter till andra organisationer.",
        "We are happy to share our experience with other organisations.",
    ),
    (
        "Deltagande kräver tid, förtroende och en tydlig koppling till de beslut som fattas.",
        "Participation takes time, trust and a clear link to the decisions that are made.",
    ),
    (
        "När invånarna får ett verkligt mandat ökar både engagemanget och kvaliteten på förslagen.",
        "When residents are given a real mandate, both their engagement and the quality of the "
        "proposals increase.",
    ),
    (
        "Vi utvärderar alltid våra processer tillsammans med deltagarna.",
        "We always evaluate our processes together with the participants.",
    ),
    (
        "Tillgänglighet är en självklar del av allt vi gör, både digitalt och på plats.",
        "Accessibility is a natural part of everything we do, both online and in person.",
    ),
    (
        "Våra rapporter publiceras under en öppen licens och får användas fritt.",
        "Our reports are published under an open licence and may be used freely.",
    ),
    (
        "Kontoret i {city} delar vi med flera andra organisationer inom civilsamhället.",
        "We share the office in {city} with several other civil society organisations.",
    ),
    (
        "Under året har vi också utbildat tjänstepersoner i hur man planerar en dialog.",
        "During the year we have also trained civil servants in how to plan a dialogue.",
    ),
    (
        "Vår erfarenhet är att små, väl förberedda möten ofta ger mer än stora.",
        "Our experience is that small, well-prepared meetings often achieve more than large ones.",
    ),
    (
        "Vi tror att demokratin blir starkare när fler får vara med och forma den.",
        "We believe that democracy grows stronger when more people get to help shape it.",
    ),
]

JOB_SENTENCES: list[Pair] = [
    (
        "Digidem Lab söker en {role} som vill arbeta med öppen källkod för deltagande och "
        "demokrati.",
        "Digidem Lab is looking for a {role} who wants to work with open source for participation "
        "and democracy.",
    ),
    (
        "Du kommer att arbeta tillsammans med våra processledare, projektledare och utvecklare.",
        "You will work together with our facilitators, project managers and developers.",
    ),
    (
        "Arbetet delas mellan pågående uppdrag för kommuner och projekt som finansieras av "
        "{funder}.",
        "The work is divided between ongoing assignments for municipalities and projects funded "
        "by {funder}.",
    ),
    (
        "Tjänsten är på heltid, men vi är öppna för att diskutera omfattningen.",
        "The position is full time, but we are open to discussing its scope.",
    ),
    (
        "Vårt kontor ligger i {city}, och du bör kunna vara där minst ett par dagar i månaden.",
        "Our office is in {city}, and you should be able to be there at least a couple of days "
        "a month.",
    ),
    (
        "Du får stort eget ansvar och möjlighet att påverka hur tjänsten utvecklas.",
        "You get a great deal of responsibility and the chance to shape how the position develops.",
    ),
    (
        "Vi är ett medarbetarägt företag där alla anställda är med och fattar beslut om "
        "verksamheten.",
        "We are an employee-owned company in which all staff take part in decisions about the "
        "business.",
    ),
    (
        "Lön enligt överenskommelse, och vi tillämpar kollektivavtal.",
        "Salary by agreement, and we apply a collective agreement.",
    ),
    (
        "Vi välkomnar sökande med olika bakgrund och erfarenheter.",
        "We welcome applicants of different backgrounds and experiences.",
    ),
    (
        "Skicka ditt CV och ett kort personligt brev till <rekrytering@digidemlab.org> senast "
        "den {day} {month}.",
        "Send your CV and a short cover letter to <rekrytering@digidemlab.org> no later than "
        "{day} {month}.",
    ),
    (
        "Intervjuer hålls löpande, så vänta inte med din ansökan.",
        "Interviews are held on a rolling basis, so do not wait to apply.",
    ),
    (
        "Har du frågor om tjänsten kan du kontakta {name} på <info@digidemlab.org>.",
        "If you have questions about the position, you can contact {name} at "
        "<info@digidemlab.org>.",
    ),
    (
        "Tillträde sker enligt överenskommelse, gärna under {month} {year}.",
        "The start date is by agreement, preferably in {month} {year}.",
    ),
    (
        "Vi är aktiva i nätverk som [Civic Tech Sweden](https://civictech.se) och "
        "[Code for All](https://codeforall.org).",
        "We are active in networks such as [Civic Tech Sweden](https://civictech.se) and "
        "[Code for All](https://codeforall.org).",
    ),
    (
        "Du kommer att ansvara för drift, support och vidareutveckling av våra digitala "
        "plattformar.",
        "You will be responsible for the operation, support and further development of our "
        "digital platforms.",
    ),
    (
        "I tjänsten ingår också att stötta kommunerna när de själva vill driva en dialog.",
        "The position also includes supporting municipalities when they want to run a dialogue "
        "themselves.",
    ),
    (
        "Resor inom Sverige förekommer, ungefär en gång i månaden.",
        "Travel within Sweden is part of the job, about once a month.",
    ),
    (
        "Vi erbjuder friskvårdsbidrag, flexibla arbetstider och möjlighet att arbeta hemifrån.",
        "We offer a wellness allowance, flexible working hours and the option to work from home.",
    ),
    (
        "Du planerar och leder workshoppar tillsammans med kommunernas tjänstepersoner.",
        "You plan and lead workshops together with the municipalities' civil servants.",
    ),
    (
        "En viktig del av arbetet är att göra komplicerade frågor begripliga för alla.",
        "An important part of the work is making complicated questions understandable to everyone.",
    ),
    (
        "Du rapporterar till vår verksamhetsledare men planerar i hög grad ditt eget arbete.",
        "You report to our operations manager but largely plan your own work.",
    ),
    (
        "Vi arbetar i små team där alla hjälps åt, från planering till uppföljning.",
        "We work in small teams in which everyone helps out, from planning to follow-up.",
    ),
    (
        "Under de första månaderna får du en introduktion tillsammans med en erfaren kollega.",
        "During the first months you are introduced to the work together with an experienced "
        "colleague.",
    ),
    (
        "Tjänsten är en tillsvidareanställning med sex månaders provanställning.",
        "The position is permanent, with a six-month probationary period.",
    ),
    (
        "Vi lägger stor vikt vid personlig lämplighet och vilja att lära nytt.",
        "We attach great importance to personal suitability and a willingness to learn.",
    ),
    (
        "Du får möjlighet att gå kurser och delta i konferenser inom ditt område.",
        "You get the opportunity to take courses and attend conferences in your field.",
    ),
]

JOB_HEADINGS: dict[str, Pair] = {
    "role": ("Om tjänsten", "About the position"),
    "wanted": ("Vi söker dig som", "We are looking for you if you"),
    "merits": ("Meriterande", "It is a plus if you"),
    "offer": ("Vi erbjuder", "What we offer"),
    "apply": ("Ansökan", "How to apply"),
    "about": ("Om Digidem Lab", "About Digidem Lab"),
}

NEWS_ITEMS: list[Pair] = [
    ("träffar i bostadsområdena under {month}", "meetings in the residential areas during {month}"),
    ("en digital enkät som är öppen för alla", "an online survey that is open to everyone"),
    ("workshoppar på skolor och fritidsgårdar", "workshops at schools and youth centres"),
    ("en utställning på biblioteket i {city}", "an exhibition at the library in {city}"),
    (
        "ett öppet möte där förslagen presenteras",
        "an open meeting where the proposals are presented",
    ),
    ("en rapport som sammanfattar alla synpunkter", "a report that sums up all the views"),
    (
        "stöd på flera språk, bland annat arabiska och somaliska",
        "support in several languages, among them Arabic and Somali",
    ),
    (
        "en karta där du kan markera platser som behöver förändras",
        "a map where you can mark places that need to change",
    ),
    ("samtal med politiker från alla partier", "conversations with politicians from every party"),
    (
        "[en sammanfattning av förra årets process](https://digidemlab.org/rapporter)",
        "[a summary of last year's process](https://digidemlab.org/en/reports)",
    ),
    ("studiebesök hos {partner}", "study visits to {partner}"),
    ("en lättläst version av allt material", "an easy-to-read version of all the material"),
]

WANTED_ITEMS: list[Pair] = [
    ("har flera års erfarenhet av {skill}", "have several years of experience of {skill}"),
    (
        "trivs med att arbeta i team och att ta egna initiativ",
        "enjoy working in a team and taking your own initiatives",
    ),
    (
        "uttrycker dig väl på svenska och engelska, i tal och skrift",
        "express yourself well in Swedish and English, in speech and writing",
    ),
    (
        "är nyfiken på hur digitala verktyg kan stärka demokratin",
        "are curious about how digital tools can strengthen democracy",
    ),
    (
        "har erfarenhet av att leda möten och workshoppar",
        "have experience of leading meetings and workshops",
    ),
    ("kan planera ditt arbete och hålla tidsramar", "can plan your work and keep to deadlines"),
]

MERIT_ITEMS: list[Pair] = [
    ("har bidragit till projekt med öppen källkod", "have contributed to open source projects"),
    (
        "har arbetat med offentlig sektor eller civilsamhället",
        "have worked with the public sector or civil society",
    ),
    (
        "kan ett tredje språk, till exempel arabiska, finska eller somaliska",
        "speak a third language, such as Arabic, Finnish or Somali",
    ),
    (
        "har kunskap om [Ruby on Rails](https://rubyonrails.org) eller liknande ramverk",
        "know [Ruby on Rails](https://rubyonrails.org) or a similar framework",
    ),
    ("har körkort", "have a driving licence"),
]

OFFER_ITEMS: list[Pair] = [
    ("kollektivavtal och tjänstepension", "a collective agreement and an occupational pension"),
    ("flexibla arbetstider", "flexible working hours"),
    ("friskvårdsbidrag", "a wellness allowance"),
    ("delägarskap i företaget efter ett år", "a share in the company after one year"),
]

QUOTES: list[Pair] = [
    (
        "– Det viktigaste vi har lärt oss är att människor vill delta när de märker att deras "
        "röst gör skillnad, säger {name}, {speaker} på Digidem Lab.",
        "– The most important thing we have learned is that people want to take part when they "
        "notice that their voice makes a difference, says {name}, {speaker} at Digidem Lab.",
    ),
    (
        "– Vi blev överraskade av hur konstruktiva samtalen blev, även när deltagarna började "
        "långt ifrån varandra, säger {name}.",
        "– We were surprised by how constructive the conversations became, even when the "
        "participants started far apart, says {name}.",
    ),
    (
        "– Öppen källkod gör att kommunerna kan dela verktyg i stället för att köpa samma sak "
        "flera gånger, säger {name}, {speaker}.",
        "– Open source means that municipalities can share tools instead of buying the same "
        "thing several times, says {name}, {speaker}.",
    ),
    (
        "– Det här är första gången jag känner att politikerna faktiskt lyssnar, säger en av "
        "deltagarna.",
        "– This is the first time I feel that the politicians are actually listening, says one "
        "of the participants.",
    ),
    (
        "– Demokrati är inte något man har, det är något man gör tillsammans, säger {name}, "
        "{speaker} på Digidem Lab.",
        "– Democracy is not something you have, it is something you do together, says {name}, "
        "{speaker} at Digidem Lab.",
    ),
    (
        "– Vi vill att fler kommuner ska våga lämna över en del av makten till invånarna, "
        "säger {name}.",
        "– We want more municipalities to dare to hand over part of the power to their "
        "residents, says {name}.",
    ),
]

NEWS_CLOSING: Pair = (
    "Följ arbetet på [projektets sida](https://digidemlab.org/projekt).",
    "Follow the work on [the project's page](https://digidemlab.org/en/projects).",
)
"""The last paragraph of every news post."""

ABOUT_LINK: Pair = (
    "Läs mer om oss på [digidemlab.org](https://digidemlab.org).",
    "Read more about us at [digidemlab.org](https://digidemlab.org/en).",
)
"""Ends the paragraph about Digidem Lab on every job page."""

EDIT_SENTENCE: Pair = (
    "Texten uppdaterades efter publiceringen (ändring {n}).",
    "The text was updated after publication (change {n}).",
)
"""Appended to one paragraph when a benchmark edits a posting."""
