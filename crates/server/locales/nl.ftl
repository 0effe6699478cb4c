# Alles wat de klant leest, in het Nederlands: de klantpagina en elke e-mail.
# Eén bestand per taal (crates/server/locales/<tag>.ftl); een test faalt als een taal een bericht mist
# dat een andere taal wel heeft. Variabelen worden door de server ingevuld en bevatten nooit opmaakcode.

## De taal zelf

language-name = Nederlands

## Hoe deze taal datums en getallen schrijft: strftime-patronen van chrono (namen van maanden en dagen
## komen uit de landinstelling van de taal) en het decimaalteken.

format-date = %A %-d %B %Y
format-datetime = %A %-d %B %Y om %H:%M
format-decimal-separator = ,

## Het kader van de pagina

page-title = Mijn pakket volgen
page-skip = Naar de inhoud
page-signed-in-as = Ingelogd als { $name }
page-sign-out = Uitloggen
page-language = Taal
page-change-language = Wijzigen
page-footer = Klantenservice van Sportello. Wij vragen nooit naar uw bezorgwachtwoord via telefoon, e-mail of chat.

## Inloggen

signin-heading = Inloggen
signin-intro = Vul het e-mailadres van uw account in. Wij sturen u een link waarmee u inlogt; deze werkt één keer, binnen 15 minuten.
signin-email = E-mailadres
signin-send = Stuur mij een inloglink
signin-sent-heading = Controleer uw e-mail
signin-sent = Als er een account met dit adres bestaat, is er een inloglink naar onderweg. De link werkt één keer, binnen 15 minuten.
signin-invalid-email = Dit is geen geldig e-mailadres. Controleer het en probeer het opnieuw.
signin-too-many = Er zijn te veel inloglinks aangevraagd. Probeer het opnieuw vanaf { $time }.
signin-link-invalid-heading = Met deze link kunt u niet inloggen
signin-link-invalid = De link is al gebruikt, is verlopen of is onvolledig. Vraag hieronder een nieuwe aan.
signin-again = Opnieuw inloggen

## Mijn bestellingen

orders-heading = Mijn bestellingen
orders-none = U hebt nog geen bestellingen.
order-heading = Bestelling { $order }
order-placed = Geplaatst op { $date }
order-total = Totaal: { $amount }
order-items = Artikelen
order-item-quantity = { $quantity ->
    [one] { $quantity } artikel
   *[other] { $quantity } artikelen
}
order-open = Deze bestelling volgen
order-shipments = { $count ->
    [0] Nog niet verzonden
    [one] Eén zending
   *[other] { $count } zendingen
}
order-back = Terug naar mijn bestellingen

## Mijn pakket volgen

shipment-heading = Zending { $shipment }
shipment-carrier = { $carrier }, trackingnummer { $tracking }
shipment-delivery-date = Verwachte bezorging op { $date }
shipment-timeline = Verloop van de zending
status-label_created = Verzendlabel aangemaakt
status-shipped = Verzonden
status-in_transit = Onderweg
status-out_for_delivery = Bezorger is onderweg
status-delivery_attempted = Bezorgpoging gedaan
status-delivered = Bezorgd
status-returned = Geretourneerd

## Het bezorgwachtwoord

code-heading = Bezorgwachtwoord
code-intro = Noem dit wachtwoord aan de koerier aan uw deur om het pakket te ontvangen.
code-valid-until = Geldig tot { $time } ({ $zone }).
code-never-tell = Noem het nooit aan iemand die u belt of schrijft: onze medewerkers zullen er nooit naar vragen. Alleen de koerier aan uw deur mag het horen.
code-show = Mijn bezorgwachtwoord tonen
code-shown-note = Voor uw veiligheid wordt elke keer dat het wachtwoord wordt getoond, vastgelegd.
code-none = Voor deze zending is geen bezorgwachtwoord nodig.
code-locked = Het wachtwoord is geblokkeerd na te veel onjuiste pogingen aan de deur. Neem contact met ons op, dan geven wij u een nieuw wachtwoord.
code-expired = Het wachtwoord is aan het einde van de bezorgdag verlopen. Is het pakket nog onderweg? Neem dan contact met ons op, dan geven wij u een nieuw wachtwoord.
code-retired = Het pakket is bezorgd of geretourneerd; het wachtwoord is niet meer nodig.
code-too-many = U hebt het wachtwoord de afgelopen 15 minuten { $count ->
    [one] één keer
   *[other] { $count } keer
} getoond. Voor uw veiligheid kan het pas vanaf { $time } opnieuw worden getoond.

## Vertrouwde ontvangers

trusted-heading = Vertrouwde ontvangers
trusted-intro = Personen die een pakket voor u in ontvangst mogen nemen. Wij laten u per e-mail weten wanneer er iemand wordt toegevoegd of een wachtwoord ontvangt.
trusted-none = U hebt geen vertrouwde ontvangers.
trusted-name = Naam
trusted-email = E-mailadres
trusted-add = Vertrouwde ontvanger toevoegen
trusted-remove = { $name } verwijderen
trusted-added = { $name } is toegevoegd. Wij hebben een melding naar uw e-mailadres gestuurd.
trusted-removed = { $name } is verwijderd.
trusted-invalid-name = Vul een naam in van 1 tot 100 tekens, zonder opmaakcode of besturingstekens.
trusted-invalid-email = Vul het e-mailadres in van de persoon die u vertrouwt.
trusted-too-many = U kunt maximaal { $max } vertrouwde ontvangers hebben. Verwijder er eerst een.

## Fouten op de pagina

error-heading = Er is iets misgegaan
error-not-found = Hier is niets te vinden, of het hoort bij een ander account.
error-unavailable = De dienst is op dit moment niet beschikbaar. Probeer het over enkele minuten opnieuw.
error-forbidden = Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nogmaals.

## E-mail: de inloglink

mail-signin-subject = Uw inloglink
mail-signin-body = Beste { $name }, gebruik deze link om in te loggen en uw pakketten te volgen. De link werkt één keer, binnen 15 minuten:
mail-signin-ignore = Hebt u deze link niet aangevraagd? Dan kunt u deze e-mail negeren: zonder de link kan niemand inloggen.

## E-mail: het bezorgwachtwoord

mail-password-subject = Uw bezorgwachtwoord voor zending { $shipment }
mail-password-intro = Beste { $name }, hier is het bezorgwachtwoord voor uw zending { $shipment }. Noem het aan de koerier aan de deur om het pakket te ontvangen:
mail-password-intro-behalf = Beste { $name }, { $customer } heeft ons gevraagd u het bezorgwachtwoord voor zending { $shipment } te sturen. Noem het aan de koerier aan de deur om het pakket te ontvangen:
mail-password-valid = Het is geldig tot { $time } ({ $zone }).
mail-password-share = Neemt iemand die u vertrouwt het pakket voor u in ontvangst? Dan kunt u deze e-mail naar die persoon doorsturen.
mail-password-warning = Noem dit wachtwoord nooit aan iemand die u belt of schrijft: onze medewerkers en de koerier zullen er nooit naar vragen, behalve de koerier aan uw deur.

## E-mail: meldingen aan de accounthouder

mail-trusted-subject = Er is een vertrouwde ontvanger aan uw account toegevoegd
mail-trusted-body = Beste { $name }, op { $time } is { $recipient } ({ $email }) toegevoegd aan uw vertrouwde ontvangers. Deze persoon kan nu bezorgwachtwoorden voor uw pakketten ontvangen.
mail-trusted-unexpected = Hebt u dit niet zelf gedaan? Log dan in, verwijder deze persoon en neem contact met ons op.
mail-sent-elsewhere-subject = Het bezorgwachtwoord voor zending { $shipment } is verstuurd naar { $recipient }
mail-sent-elsewhere-body = Beste { $name }, op { $time } is het bezorgwachtwoord voor zending { $shipment } per { $channel } verstuurd naar uw vertrouwde ontvanger { $recipient } ({ $destination }).
mail-sent-elsewhere-unexpected = Hebt u hier niet om gevraagd? Neem dan contact met ons op: wij geven u een nieuw wachtwoord.
channel-email = e-mail

## E-mail: de samenvatting bij afsluiting

mail-summary-subject = Uw verzoek { $ticket } is afgesloten: { $subject }
mail-summary-greeting = Beste { $name },
mail-summary-intro = Wij hebben uw verzoek { $ticket } afgesloten. Hieronder vindt u een samenvatting, met ons volledige gesprek.
mail-summary-request = Uw verzoek
mail-summary-topic = Categorie
mail-summary-order = Bestelling
mail-summary-subject-label = Onderwerp
mail-summary-no-order = geen
mail-summary-resolution = Wat wij hebben gedaan
mail-summary-conversation = Ons gesprek
mail-summary-you = U
mail-summary-closing = Is er nog iets niet in orde? Beantwoord dan deze e-mail of neem opnieuw contact met ons op en vermeld daarbij { $ticket }.
mail-signature = Uw klantenservice

## De acht hulpcategorieën

category-orders = Bestellingen
category-returns_refunds = Retourzendingen en terugbetalingen
category-digital_devices = Digitale diensten en apparaten
category-prime = Prime-lidmaatschap
category-payment_options = Betaalmogelijkheden
category-account_management = Accountbeheer
category-suspicious_activity = Verdachte activiteiten
category-gift_cards = Cadeaukaarten en opwaarderingen

## Hulp vragen

help-nav = Hulp vragen
help-heading = Hulp vragen
help-intro = Vertel ons waar het over gaat en hoe u antwoord wilt krijgen. U krijgt antwoord van een mens, niet van een bot.
help-topic = Waar gaat het over?
help-order = Welke bestelling?
help-order-none = Geen van mijn bestellingen
help-note = Uw bericht
help-contact = Hoe wilt u antwoord krijgen?
help-contact-email = Per e-mail
help-contact-callback = Bel mij terug
help-phone = Te bellen nummer
help-when = Wanneer
help-when-asap = Zo snel mogelijk (binnen enkele minuten)
help-when-at = Op dit tijdstip ({ $zone }):
help-send = Mijn verzoek versturen
help-no-phone = Er staat geen telefoonnummer in uw account waarop wij u kunnen bellen. Kies voor e-mail.
help-invalid-topic = Kies waar uw verzoek over gaat.
help-invalid-note = Schrijf uw bericht: 1 tot 4000 tekens, zonder besturingstekens.
help-invalid-time = Kies een tijdstip binnen de komende 30 dagen, niet in het verleden.
help-invalid-phone = Kies een van uw telefoonnummers.

## Mijn verzoeken

requests-nav = Mijn verzoeken
requests-heading = Mijn verzoeken
requests-none = U hebt nog geen hulp gevraagd.
request-heading = Verzoek { $ticket }
request-opened = Ingediend op { $date }
request-status-new = Wacht op een medewerker
request-status-open = In behandeling
request-status-pending = Wacht op uw antwoord
request-status-closed = Afgesloten
request-channel-email = Wij antwoorden per e-mail
request-channel-phone_callback = Wij bellen u terug
request-channel-live_chat = Livechat
request-channel-social = Sociale media
request-callback = Terugbellen naar { $phone }: { $time }
request-callback-scheduled = gepland
request-callback-completed = uitgevoerd
request-callback-failed = wij konden u niet bereiken
request-callback-cancelled = geannuleerd
request-you = U
request-answer = Uw antwoord
request-send = Versturen
request-sent = Uw verzoek is verstuurd. Wij antwoorden u op de manier die u hebt gekozen.
request-answered = Uw antwoord is toegevoegd.
request-closed = Dit verzoek is afgesloten. Hebt u nog hulp nodig? Vraag er dan opnieuw om.
request-open-link = Verzoek { $ticket } openen

## E-mail: het antwoord van een medewerker

mail-reply-subject = Re: uw verzoek { $ticket }: { $subject }
mail-reply-intro = Beste { $name }, { $agent } heeft uw verzoek { $ticket } beantwoord:
mail-reply-how = Wilt u reageren? Doe dat dan op uw pagina onder ‘Mijn verzoeken’:

## De opties van elke categorie (waar het verzoek over gaat)

topic-orders-where_is_my_parcel = Waar is mijn pakket?
topic-orders-delivery_password = Mijn bezorgwachtwoord
topic-orders-change_delivery = De bezorging wijzigen
topic-returns_refunds-start_return = Een artikel retourneren
topic-returns_refunds-refund_status = Waar blijft mijn terugbetaling?
topic-returns_refunds-damaged_item = Een artikel is beschadigd aangekomen
topic-digital_devices-device_setup = Een apparaat instellen
topic-digital_devices-digital_purchase = Een digitale aankoop
topic-digital_devices-subscription = Een abonnement
topic-prime-prime_benefits = Voordelen van Prime
topic-prime-prime_billing = Facturering van Prime
topic-prime-prime_cancel = Prime opzeggen
topic-payment_options-payment_declined = Een betaling is geweigerd
topic-payment_options-change_payment = Mijn betaalwijze wijzigen
topic-payment_options-invoice = Een factuur
topic-account_management-signin_problem = Ik kan niet inloggen
topic-account_management-update_details = Mijn gegevens bijwerken
topic-account_management-close_account = Mijn account opheffen
topic-suspicious_activity-unknown_order = Een bestelling die ik niet heb geplaatst
topic-suspicious_activity-phishing_message = Een verdacht bericht of telefoontje
topic-suspicious_activity-unrecognised_charge = Een afschrijving die ik niet herken
topic-gift_cards-redeem_card = Een cadeaukaart inwisselen
topic-gift_cards-card_balance = Het saldo van mijn cadeaukaart
topic-gift_cards-card_not_received = Een cadeaukaart die niet is aangekomen

## Livechat

help-contact-chat = Nu chatten met een medewerker
chat-heading = Livechat
chat-waiting = Wij zoeken een medewerker die met u chat. Blijf op deze pagina.
chat-offer = Nog niemand heeft uw chat aangenomen. Wij kunnen u in plaats daarvan terugbellen of per e-mail antwoorden.
chat-switch-email = Antwoord mij liever per e-mail
chat-switch-callback = Bel mij liever terug
chat-switched = Uw verzoek gaat nu verder op de manier die u hebt gekozen.
chat-send = Versturen
chat-no-script = Zonder JavaScript ziet u nieuwe berichten pas als u de pagina opnieuw laadt.
chat-typing = { $name } is aan het typen…
