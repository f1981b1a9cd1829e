"""The demo's filled conversation methods (§5.1, §5.2, §5.9, §5.13), each on the contact moment
of its trajectory that plans it: the interview and AI – droomfase of Mohamed (variant 3,
moments 1 and 2), Klokwijs of Jan (variant 1, moment 1) and the Praatplaat of Fatima (variant 4,
moment 2). The HAND record of Inès is written by :mod:`poptui.demo` itself.

Called by :func:`poptui.demo.write_demo` inside its transaction, after the trajectories exist.
"""

from __future__ import annotations

from datetime import date

from poptui.models import (
    Conclusion,
    ContactMoment,
    Employee,
    MethodKind,
    SummaryPart,
    Trajectory,
    TrajectoryStatus,
)
from poptui.models.methods import (
    AiDroomfaseRecord,
    ClockDay,
    ClockSlot,
    InterviewRecord,
    KlokwijsRecord,
    PraatplaatRecord,
    SuccessStory,
)
from poptui.store import Transaction

WIL, KAN, PUNT = SummaryPart.WAT_WIL_IK, SummaryPart.WAT_KAN_IK, SummaryPart.ONTWIKKELPUNTEN


def _moment(transaction: Transaction, first_name: str, kind: MethodKind) -> ContactMoment | None:
    """The first held contact moment that plans ``kind`` in the trajectory of the demo employee
    called ``first_name`` that is running (else the latest completed one that plans it)."""
    employee = next((e for e in transaction.list(Employee) if e.first_name == first_name), None)
    if employee is None:
        return None
    trajectories = sorted(
        (
            t
            for t in transaction.list(Trajectory, employee_id=employee.id)
            if t.status in (TrajectoryStatus.ACTIVE, TrajectoryStatus.COMPLETED)
        ),
        key=lambda t: (t.status is not TrajectoryStatus.ACTIVE, -(t.start_date or date.min).toordinal()),
    )
    moments = transaction.list(ContactMoment, employee_id=employee.id)
    for trajectory in trajectories:
        held = [
            m
            for m in moments
            if m.trajectory_id == trajectory.id and kind in m.methods and m.status.value == "gehouden"
        ]
        if held:
            return min(held, key=lambda m: m.number)
    return None


def _where(moment: ContactMoment) -> dict[str, object]:
    return {
        "employee_id": moment.employee_id,
        "trajectory_id": moment.trajectory_id,
        "contact_moment_id": moment.id,
        "date": moment.date,
    }


def write_method_records(transaction: Transaction) -> int:
    """Write the demo's filled methods; returns how many."""
    written = 0
    if moment := _moment(transaction, "Mohamed", MethodKind.INTERVIEW):
        transaction.save(_interview(moment))
        written += 1
    if moment := _moment(transaction, "Mohamed", MethodKind.AI_DROOMFASE):
        transaction.save(_ai(moment))
        written += 1
    if moment := _moment(transaction, "Jan", MethodKind.KLOKWIJS):
        transaction.save(_klokwijs(moment))
        written += 1
    if moment := _moment(transaction, "Fatima", MethodKind.PRAATPLAAT):
        transaction.save(_praatplaat(moment))
        written += 1
    return written


def _interview(moment: ContactMoment) -> InterviewRecord:
    return InterviewRecord(
        **_where(moment),
        themes=[1, 2, 3, 4, 5, 6, 8],
        answers={
            "t1_1": "Heftruckchauffeur in het magazijn. Ik begin om 7u, laad de vrachtwagens en zet de paletten klaar.",
            "t1_2": "Laden en lossen, paletten stapelen, de stock tellen op vrijdag.",
            "t1_3": "Vast uurrooster 7u-15u30, contract van onbepaalde duur. Verlof in overleg met Luc.",
            "t1_4": "Ik zou graag wat meer afwisseling hebben, niet alleen laden.",
            "t1_5": "Veilig, maar in de winter is het koud in de loods. De werkkledij is goed.",
            "t2_1": "Het heftruckattest halen en de veiligheidsregels in het magazijn.",
            "t2_2": "Een collega deed het voor, daarna mocht ik het zelf proberen met hem erbij. Zo leer ik het best.",
            "t2_3": "Dingen doen gaat vlot. Lange teksten lezen vind ik moeilijk.",
            "t2_4": "Ja: de orderpicking, de administratie van de stock, de poetsploeg.",
            "t2_5": "Orderpicking ken ik een beetje. Wat ze in de administratie doen, weet ik niet goed.",
            "t2_6": "Ik ken twee distributiecentra in de buurt, daar werken vrienden van mij.",
            "t5_1": "Twee jaar als vakkenvuller in een supermarkt, daarvoor seizoenswerk in de fruitpluk.",
            "t5_2": "Precies werken met de heftruck, snel een vrachtwagen laden zonder schade.",
            "t5_3": "Dat ik rustig blijf als het druk is en dat ik nieuwe collega's help.",
            "t8_1": "Binnen vijf jaar werk ik in een groot magazijn, misschien als ploegverantwoordelijke.",
            "t8_2": "Magazijnier in een distributiecentrum, met de heftruck én met de scanner.",
        },
        motivations=[
            "Ik ben fysiek bezig",
            "Ik doe het voor het salaris",
            "Ik werk graag samen met anderen",
            "Werken geeft mij structuur",
            "Ik krijg hier erkenning en waardering",
        ],
        energy_givers=(
            "Met de heftruck rijden, een moeilijke lading passend krijgen, collega's iets uitleggen. "
            "Als alles op tijd klaarstaat voor de chauffeurs: een volle vrachtwagen, mooi geladen."
        ),
        energy_drainers=(
            "Stilstaan en wachten als er geen werk is, papierwerk, ruzie in de ploeg. "
            "Onduidelijke opdrachten op het laatste moment."
        ),
        physical_limitations="Rugklachten na lang zitten: na twee uur op de heftruck even rechtstaan en stappen.",
        mobility="Met de fiets (15 minuten). Hij heeft geen rijbewijs B.",
        family_duties="Brengt twee dagen per week zijn dochter naar school; kan dan pas om 8u30 beginnen.",
        attitudes={
            "samenwerken": 4,
            "contacten_leggen": 3,
            "omgaan_met_leidinggevenden": 3,
            "verantwoordelijkheid": 4,
            "zorg_materieel": 3,
            "regels_afspraken": 3,
        },
        notes="Mohamed was open en goed voorbereid. Thema 7 volgt bij een volgend gesprek.",
        conclusions=[
            Conclusion(text="Wil doorgroeien naar magazijnier in een distributiecentrum", part=WIL, step="t8"),
            Conclusion(text="Werkt veilig en nauwkeurig met de heftruck", part=KAN, step="t5"),
            Conclusion(text="Leren werken met de handscanner en het stockprogramma", part=PUNT, step="t2"),
        ],
    )


def _ai(moment: ContactMoment) -> AiDroomfaseRecord:
    return AiDroomfaseRecord(
        **_where(moment),
        stories=[
            SuccessStory(
                title="Mijn heftruckattest",
                answers={
                    "wat": "Ik slaagde voor het praktijkexamen heftruck, als enige van de groep zonder fouten.",
                    "wanneer": "Vorig jaar in maart.",
                    "wie": "De instructeur, drie collega's en Luc kwam kijken.",
                    "gedaan": "Ik had 's avonds de theorie herhaald met mijn broer en extra geoefend op de parking.",
                    "omstandigheden": "Het regende en de proefopstelling was krap.",
                    "effect": "Ik was trots. Ik durfde daarna ook meer vragen in de ploeg.",
                    "sterktes": "Doorzetten, rustig blijven onder druk, nauwkeurig werken.",
                    "reacties": "Luc zei dat hij het zelf niet beter kon. Mijn vrouw heeft taart gebakken.",
                },
                strengths=["doorzetten", "rustig onder druk", "nauwkeurig"],
            ),
            SuccessStory(
                title="De nieuwe collega inwerken",
                answers={
                    "wat": "Ik heb een nieuwe collega twee weken lang wegwijs gemaakt in het magazijn.",
                    "wanneer": "Deze zomer.",
                    "wie": "Samir, de nieuwe collega, en de ploeg.",
                    "gedaan": "Alles voorgedaan, daarna liet ik hem zelf proberen en gaf ik tips.",
                    "effect": "Het gaf mij energie, de dagen vlogen voorbij.",
                    "sterktes": "Geduld, uitleggen, overzicht houden.",
                    "reacties": "Samir zegt nog altijd dat hij het van mij geleerd heeft.",
                },
                strengths=["geduld", "uitleggen", "overzicht"],
            ),
        ],
        answers={
            "droom_1": "Ik rijd in een groot, proper distributiecentrum en plan zelf de volgorde van de ladingen.",
            "droom_2": "Ik verdeel het werk van de ochtend en rijd zelf ook nog.",
            "droom_3": "De ploeg weet wat ze moet doen en helpt elkaar.",
            "droom_4": "Er is een opleiding voor de scanner en er is een vaste ploegleider om raad te vragen.",
            "droom_6": "Mijn ploeg en de planner.",
            "droom_7": "Rustig en vriendelijk, ook als het druk is.",
        },
        better_than_today="Meer afwisseling en meer verantwoordelijkheid: zelf het werk plannen.",
        indispensable="Met de heftruck blijven werken; een vaste ploeg.",
        discovered="Mohamed geeft graag uitleg aan nieuwe collega's: dat geeft hem energie.",
        conclusions=[
            Conclusion(text="Rustig blijven onder druk en nauwkeurig werken", part=KAN, step="ontdekken"),
            Conclusion(text="Nieuwe collega's inwerken", part=KAN, step="ontdekken"),
            Conclusion(text="Zelf het werk van de ploeg leren plannen", part=WIL, step="samenvatting"),
        ],
    )


def _klokwijs(moment: ContactMoment) -> KlokwijsRecord:
    return KlokwijsRecord(
        **_where(moment),
        days=[
            ClockDay(
                name="Gisteren",
                slots=[
                    ClockSlot(time="06:30", what="Opstaan, boterhammen smeren", with_whom="Alleen", feeling="Nog moe"),
                    ClockSlot(time="07:15", what="Met de bus naar het atelier", with_whom="Alleen", feeling="Rustig"),
                    ClockSlot(
                        time="08:00", what="Planken zagen in het houtatelier", with_whom="Ahmed en Luc", feeling="Goed"
                    ),
                    ClockSlot(time="12:00", what="Middagpauze in de refter", with_whom="De ploeg", feeling="Plezant"),
                    ClockSlot(time="13:00", what="Schuren en kasten monteren", with_whom="Ahmed", feeling="Gaat wel"),
                    ClockSlot(time="16:00", what="Bus naar huis", with_whom="Alleen", feeling="Moe"),
                    ClockSlot(time="18:00", what="Koken en eten", with_whom="Mijn zus", feeling="Goed"),
                    ClockSlot(time="19:30", what="Voetbal op tv, gamen", with_whom="Alleen", feeling="Ontspannen"),
                    ClockSlot(time="22:30", what="Slapen", with_whom="", feeling=""),
                ],
            ),
            ClockDay(
                name="Een weekenddag",
                slots=[
                    ClockSlot(time="09:30", what="Uitslapen, ontbijt", with_whom="Mijn zus", feeling="Fijn"),
                    ClockSlot(time="14:00", what="Voetbaltraining", with_whom="Vrienden van de club", feeling="Blij"),
                    ClockSlot(time="20:00", what="Naar het jeugdhuis", with_whom="Vrienden", feeling="Plezant"),
                ],
            ),
        ],
        answers={
            "wie_ben_ik_1": "Om half zeven, de wekker staat op de kast zodat hij moet opstaan.",
            "wie_ben_ik_3": "Bij zijn zus, sinds twee jaar. Begeleid wonen is niet meer nodig.",
            "wie_ben_ik_6": "Met de bus, lijn 5. Hij heeft geen rijbewijs.",
            "wie_ben_ik_8": "Met Ahmed en de jongens van de zaagmachine; liever met anderen.",
            "wie_ben_ik_9": "Ja, vooral zagen. Stress krijgt hij als er iemand op zijn vingers kijkt.",
            "wie_ben_ik_11": "Voetbal, twee keer per week training en in het weekend een match.",
            "wie_ben_ik_14": "In het weekend slaapt hij uit en gaat hij voetballen; de werkdagen zien er hetzelfde uit.",
            "wat_wil_ik_1": "Meubels maken van begin tot einde.",
            "wat_wil_ik_2": "Binnen, in een atelier.",
            "wat_wil_ik_3": "Liever licht werk; de schuurmachine is zwaar.",
            "wat_wil_ik_4": "Samen met anderen, maar met een eigen werkbank.",
            "wat_wil_ik_5": "Ja, graag met de zaagmachine.",
            "wat_wil_ik_9": "Elke dag dezelfde uren.",
            "wat_wil_ik_15": "Vloeren poetsen.",
            "wat_wil_ik_slotvraag": "Kasten monteren bij klanten, samen met een collega.",
            "wat_kan_ik_1": "De veiligheidsregels van de zaagmachine.",
            "wat_kan_ik_2": "Ahmed deed het voor, daarna zelf proberen.",
            "wat_kan_ik_3": "Recht zagen op maat. Dat doet hij nu elke dag, en graag.",
            "wat_kan_ik_4": "Plannen lezen. Dat zou hij graag beter kunnen.",
        },
        conclusions=[
            Conclusion(text="Wil meubels maken van begin tot einde", part=WIL, step="wat_wil_ik"),
            Conclusion(text="Zaagt nauwkeurig op maat", part=KAN, step="wat_kan_ik"),
            Conclusion(text="Plannen en tekeningen leren lezen", part=PUNT, step="wat_kan_ik"),
        ],
    )


def _praatplaat(moment: ContactMoment) -> PraatplaatRecord:
    return PraatplaatRecord(
        **_where(moment),
        on_paper_first=True,
        dream_job="Werken in een strijkatelier van een hotel, met de grote strijkmachine.",
        conditions=[
            "binnen",
            "licht_werk",
            "samen",
            "hulp_in_de_buurt",
            "dezelfde_taken",
            "halve_dagen",
            "dicht_bij_huis",
            "bus_trein",
        ],
        focus=["vast_werk_bw"],
        motivations=["erbij_horen", "geld_verdienen", "laten_zien"],
        preferred_tasks="Plooien, de strijkmachine bedienen, de was sorteren per klant.",
        notes="Fatima had de praatplaat thuis al ingevuld met haar dochter. Ze wil graag halftijds blijven werken.",
        conclusions=[
            Conclusion(text="Wil vast werk in een maatwerkbedrijf, halve dagen", part=WIL, step="bespreken"),
            Conclusion(text="Plooit zorgvuldig en sorteert de was zonder fouten", part=KAN, step="bespreken"),
        ],
    )
