# Allt som kunden läser, på svenska: kundsidan och varje mejl.
# En fil per språk (crates/server/locales/<tag>.ftl); ett test misslyckas när ett språk saknar
# ett meddelande som ett annat har. Variablerna fylls i av servern och innehåller aldrig kod.

## Själva språket

language-name = Svenska

## Hur det här språket skriver datum och tal: strftime-mönster för chrono (namnen på månader och
## veckodagar kommer från språkets nationella inställningar) och decimaltecknet.

format-date = %A %-d %B %Y
format-datetime = %A %-d %B %Y kl. %H:%M
format-decimal-separator = ,

## Sidans ram

page-title = Spåra mitt paket
page-skip = Hoppa till innehållet
page-signed-in-as = Inloggad som { $name }
page-sign-out = Logga ut
page-language = Språk
page-change-language = Ändra
page-footer = Sportello kundservice. Vi frågar aldrig efter ditt leveranslösenord via telefon, mejl eller chatt.

## Inloggning

signin-heading = Logga in
signin-intro = Ange e-postadressen till ditt konto. Vi skickar en länk som du loggar in med; den fungerar en gång, inom 15 minuter.
signin-email = E-postadress
signin-send = Skicka en inloggningslänk till mig
signin-sent-heading = Kontrollera din e-post
signin-sent = Om ett konto använder den här adressen är en inloggningslänk på väg dit. Länken fungerar en gång, inom 15 minuter.
signin-invalid-email = Det här är inte en giltig e-postadress. Kontrollera den och försök igen.
signin-too-many = För många inloggningslänkar har begärts. Försök igen efter { $time }.
signin-link-invalid-heading = Du kan inte logga in med den här länken
signin-link-invalid = Länken har redan använts, har gått ut eller är ofullständig. Begär en ny nedan.
signin-again = Logga in igen

## Mina beställningar

orders-heading = Mina beställningar
orders-none = Du har inga beställningar ännu.
order-heading = Beställning { $order }
order-placed = Beställd { $date }
order-total = Totalt: { $amount }
order-items = Artiklar
order-item-quantity = { $quantity ->
    [one] { $quantity } artikel
   *[other] { $quantity } artiklar
}
order-open = Spåra den här beställningen
order-shipments = { $count ->
    [0] Inte skickad ännu
    [one] En försändelse
   *[other] { $count } försändelser
}
order-back = Tillbaka till mina beställningar

## Spåra mitt paket

shipment-heading = Försändelse { $shipment }
shipment-carrier = { $carrier }, spårningsnummer { $tracking }
shipment-delivery-date = Beräknad leverans: { $date }
shipment-timeline = Spårning
status-label_created = Fraktsedel skapad
status-shipped = Skickad
status-in_transit = Under transport
status-out_for_delivery = Ute för leverans
status-delivery_attempted = Leveransförsök gjort
status-delivered = Levererad
status-returned = Returnerad

## Leveranslösenordet

code-heading = Leveranslösenord
code-intro = Säg det här lösenordet till budet vid din dörr för att ta emot paketet.
code-valid-until = Giltigt till { $time } ({ $zone }).
code-never-tell = Säg det aldrig till någon som ringer eller skriver till dig: vår personal kommer aldrig att fråga efter det. Bara budet vid din dörr får höra det.
code-show = Visa mitt leveranslösenord
code-shown-note = Av säkerhetsskäl registreras varje gång lösenordet visas.
code-none = Den här försändelsen behöver inget leveranslösenord.
code-locked = Lösenordet har spärrats efter för många felaktiga försök vid dörren. Kontakta oss så utfärdar vi ett nytt.
code-expired = Lösenordet gick ut när leveransdagen tog slut. Om paketet fortfarande är på väg kan du kontakta oss, så utfärdar vi ett nytt.
code-retired = Paketet har levererats eller returnerats; lösenordet behövs inte längre.
code-too-many = Du har visat lösenordet { $count ->
    [one] en gång
   *[other] { $count } gånger
} de senaste 15 minuterna. Av säkerhetsskäl kan det visas igen efter { $time }.

## Betrodda mottagare

trusted-heading = Betrodda mottagare
trusted-intro = Personer som får ta emot paket åt dig. Vi meddelar dig via mejl varje gång någon läggs till eller får ett lösenord.
trusted-none = Du har inga betrodda mottagare.
trusted-name = Namn
trusted-email = E-postadress
trusted-add = Lägg till betrodd mottagare
trusted-remove = Ta bort { $name }
trusted-added = { $name } har lagts till. Vi har skickat ett meddelande till din e-postadress.
trusted-removed = { $name } har tagits bort.
trusted-invalid-name = Ange ett namn på 1 till 100 tecken, utan kod eller styrtecken.
trusted-invalid-email = Ange e-postadressen till personen du litar på.
trusted-too-many = Du kan ha högst { $max } betrodda mottagare. Ta bort någon först.

## Fel på sidan

error-heading = Något gick fel
error-not-found = Här finns ingenting, eller så tillhör det ett annat konto.
error-unavailable = Tjänsten är inte tillgänglig just nu. Försök igen om några minuter.
error-forbidden = Formuläret har gått ut. Ladda om sidan och försök igen.

## Mejl: inloggningslänken

mail-signin-subject = Din inloggningslänk
mail-signin-body = Hej { $name }, använd den här länken för att logga in och spåra dina paket. Den fungerar en gång, inom 15 minuter:
mail-signin-ignore = Om du inte har begärt länken kan du bortse från det här mejlet: ingen kan logga in utan länken.

## Mejl: leveranslösenordet

mail-password-subject = Ditt leveranslösenord för försändelse { $shipment }
mail-password-intro = Hej { $name }, här är leveranslösenordet för din försändelse { $shipment }. Säg det till budet vid dörren för att ta emot paketet:
mail-password-intro-behalf = Hej { $name }, { $customer } har bett oss skicka leveranslösenordet för försändelse { $shipment } till dig. Säg det till budet vid dörren för att ta emot paketet:
mail-password-valid = Det gäller till { $time } ({ $zone }).
mail-password-share = Om någon du litar på ska ta emot paketet åt dig kan du vidarebefordra det här mejlet till den personen.
mail-password-warning = Säg aldrig det här lösenordet till någon som ringer eller skriver till dig: varken vår personal eller budet kommer någonsin att fråga efter det, utom budet vid din dörr.

## Mejl: meddelanden till kontoinnehavaren

mail-trusted-subject = En betrodd mottagare har lagts till på ditt konto
mail-trusted-body = Hej { $name }, { $recipient } ({ $email }) lades till bland dina betrodda mottagare { $time }. Personen kan nu ta emot leveranslösenord för dina paket.
mail-trusted-unexpected = Om det inte var du som gjorde detta, logga in, ta bort personen och kontakta oss.
mail-sent-elsewhere-subject = Leveranslösenordet för försändelse { $shipment } har skickats till { $recipient }
mail-sent-elsewhere-body = Hej { $name }, { $time } skickades leveranslösenordet för försändelse { $shipment } via { $channel } till din betrodda mottagare { $recipient } ({ $destination }).
mail-sent-elsewhere-unexpected = Om du inte har begärt detta, kontakta oss: vi utfärdar ett nytt lösenord.
channel-email = mejl

## Mejl: sammanfattningen vid avslut

mail-summary-subject = Ditt ärende { $ticket } är avslutat: { $subject }
mail-summary-greeting = Hej { $name },
mail-summary-intro = Vi har avslutat ditt ärende { $ticket }. Här är en sammanfattning av det, med hela vår konversation.
mail-summary-request = Ditt ärende
mail-summary-topic = Kategori
mail-summary-order = Beställning
mail-summary-subject-label = Ämne
mail-summary-no-order = ingen
mail-summary-resolution = Vad vi har gjort
mail-summary-conversation = Vår konversation
mail-summary-you = Du
mail-summary-closing = Om något fortfarande inte stämmer kan du svara på det här mejlet eller kontakta oss igen och ange { $ticket }.
mail-signature = Din kundservice

## De åtta hjälpkategorierna

category-orders = Beställningar
category-returns_refunds = Returer och återbetalningar
category-digital_devices = Digitala tjänster och enheter
category-prime = Prime-medlemskap
category-payment_options = Betalningsalternativ
category-account_management = Kontohantering
category-suspicious_activity = Misstänkt aktivitet
category-gift_cards = Presentkort och påfyllningar

## Be om hjälp

help-nav = Be om hjälp
help-heading = Be om hjälp
help-intro = Berätta vad det gäller och hur du vill att vi svarar. Det är en människa som svarar, inte en bot.
help-topic = Vad gäller det?
help-order = Vilken beställning?
help-order-none = Ingen av mina beställningar
help-note = Ditt meddelande
help-contact = Hur vill du att vi svarar?
help-contact-email = Via mejl
help-contact-callback = Ring upp mig
help-phone = Nummer att ringa
help-when = När
help-when-asap = Så snart som möjligt (inom några minuter)
help-when-at = Vid den här tiden ({ $zone }):
help-send = Skicka mitt ärende
help-no-phone = Det finns inget telefonnummer på ditt konto som vi kan ringa. Välj mejl.
help-invalid-topic = Välj vad ditt ärende gäller.
help-invalid-note = Skriv ditt meddelande: 1 till 4000 tecken, utan styrtecken.
help-invalid-time = Välj en tid inom de närmaste 30 dagarna, inte bakåt i tiden.
help-invalid-phone = Välj ett av dina telefonnummer.

## Mina ärenden

requests-nav = Mina ärenden
requests-heading = Mina ärenden
requests-none = Du har inte bett om hjälp ännu.
request-heading = Ärende { $ticket }
request-opened = Skapat { $date }
request-status-new = Väntar på en handläggare
request-status-open = Under behandling
request-status-pending = Väntar på ditt svar
request-status-closed = Avslutat
request-channel-email = Vi svarar via mejl
request-channel-phone_callback = Vi ringer upp dig
request-channel-live_chat = Livechatt
request-channel-social = Sociala medier
request-callback = Uppringning till { $phone }: { $time }
request-callback-scheduled = planerad
request-callback-completed = genomförd
request-callback-failed = vi nådde dig inte
request-callback-cancelled = inställd
request-you = Du
request-answer = Ditt svar
request-send = Skicka
request-sent = Ditt ärende har skickats. Vi svarar på det sätt du har valt.
request-answered = Ditt svar har lagts till.
request-closed = Det här ärendet är avslutat. Om du fortfarande behöver hjälp kan du be om hjälp igen.
request-open-link = Öppna ärende { $ticket }

## Mejl: svar från en handläggare

mail-reply-subject = Re: ditt ärende { $ticket }: { $subject }
mail-reply-intro = Hej { $name }, { $agent } har svarat på ditt ärende { $ticket }:
mail-reply-how = Om du vill svara gör du det på din sida under ”Mina ärenden”:

## Alternativen i varje kategori (vad ärendet gäller)

topic-orders-where_is_my_parcel = Var är mitt paket?
topic-orders-delivery_password = Mitt leveranslösenord
topic-orders-change_delivery = Ändra leveransen
topic-returns_refunds-start_return = Returnera en artikel
topic-returns_refunds-refund_status = Var är min återbetalning?
topic-returns_refunds-damaged_item = En artikel kom fram skadad
topic-digital_devices-device_setup = Konfigurera en enhet
topic-digital_devices-digital_purchase = Ett digitalt köp
topic-digital_devices-subscription = En prenumeration
topic-prime-prime_benefits = Prime-förmåner
topic-prime-prime_billing = Prime-fakturering
topic-prime-prime_cancel = Säga upp Prime
topic-payment_options-payment_declined = En betalning nekades
topic-payment_options-change_payment = Ändra hur jag betalar
topic-payment_options-invoice = En faktura
topic-account_management-signin_problem = Jag kan inte logga in
topic-account_management-update_details = Uppdatera mina uppgifter
topic-account_management-close_account = Avsluta mitt konto
topic-suspicious_activity-unknown_order = En beställning som jag inte har gjort
topic-suspicious_activity-phishing_message = Ett misstänkt meddelande eller samtal
topic-suspicious_activity-unrecognised_charge = En debitering som jag inte känner igen
topic-gift_cards-redeem_card = Lösa in ett presentkort
topic-gift_cards-card_balance = Saldot på mitt presentkort
topic-gift_cards-card_not_received = Ett presentkort som inte har kommit fram

## Livechatt

help-contact-chat = Chatta med en människa nu
chat-heading = Livechatt
chat-waiting = Vi letar efter någon som kan chatta med dig. Stanna kvar på den här sidan.
chat-offer = Ingen har svarat i din chatt ännu. Vi kan ringa upp dig eller svara via mejl i stället.
chat-switch-email = Svara mig via mejl i stället
chat-switch-callback = Ring upp mig i stället
chat-switched = Ditt ärende fortsätter nu på det sätt du har valt.
chat-send = Skicka
chat-no-script = Utan JavaScript behöver du ladda om sidan för att se nya meddelanden.
chat-typing = { $name } skriver…
