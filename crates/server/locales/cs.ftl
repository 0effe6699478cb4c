# Vše, co zákazník čte, česky: zákaznická stránka a každý e-mail.
# Jeden soubor pro každý jazyk (crates/server/locales/<tag>.ftl); test selže, když jazyku chybí
# zpráva, kterou má jiný jazyk. Proměnné doplňuje server a nikdy neobsahují značky.

## Samotný jazyk

language-name = Čeština

## Jak tento jazyk zapisuje data a čísla: vzory strftime knihovny chrono (názvy měsíců a dnů
## pocházejí z národního prostředí jazyka) a oddělovač desetinných míst.

format-date = %-d. %B %Y
format-datetime = %-d. %B %Y v %H:%M
format-decimal-separator = ,

## Rámec stránky

page-title = Sledování zásilky
page-skip = Přejít na obsah
page-signed-in-as = Přihlášený účet: { $name }
page-sign-out = Odhlásit se
page-language = Jazyk
page-change-language = Změnit
page-footer = Zákaznický servis Sportello. Doručovací heslo po vás nikdy nebudeme chtít po telefonu, e-mailem ani v chatu.

## Přihlášení

signin-heading = Přihlášení
signin-intro = Zadejte e-mailovou adresu svého účtu. Pošleme vám odkaz, kterým se přihlásíte; funguje jednou, do 15 minut.
signin-email = E-mailová adresa
signin-send = Poslat odkaz pro přihlášení
signin-sent-heading = Zkontrolujte svůj e-mail
signin-sent = Pokud tuto adresu používá některý účet, odkaz pro přihlášení je na cestě. Odkaz funguje jednou, do 15 minut.
signin-invalid-email = Toto není platná e-mailová adresa. Zkontrolujte ji a zkuste to znovu.
signin-too-many = Bylo vyžádáno příliš mnoho odkazů pro přihlášení. Zkuste to znovu od { $time }.
signin-link-invalid-heading = Pomocí tohoto odkazu se nelze přihlásit
signin-link-invalid = Odkaz již byl použit, vypršela jeho platnost nebo je neúplný. Níže si můžete vyžádat nový.
signin-again = Přihlásit se znovu

## Moje objednávky

orders-heading = Moje objednávky
orders-none = Zatím nemáte žádné objednávky.
order-heading = Objednávka { $order }
order-placed = Datum objednání: { $date }
order-total = Celkem: { $amount }
order-items = Položky
order-item-quantity = { $quantity ->
    [one] { $quantity } položka
    [few] { $quantity } položky
    [many] { $quantity } položky
   *[other] { $quantity } položek
}
order-open = Sledovat tuto objednávku
order-shipments = { $count ->
    [0] Zatím neodesláno
    [one] Jedna zásilka
    [few] { $count } zásilky
    [many] { $count } zásilky
   *[other] { $count } zásilek
}
order-back = Zpět na moje objednávky

## Sledování zásilky

shipment-heading = Zásilka { $shipment }
shipment-carrier = { $carrier }, sledovací číslo { $tracking }
shipment-delivery-date = Předpokládané doručení: { $date }
shipment-timeline = Průběh přepravy
status-label_created = Štítek vytvořen
status-shipped = Odesláno
status-in_transit = Na cestě
status-out_for_delivery = Na cestě k vám
status-delivery_attempted = Pokus o doručení
status-delivered = Doručeno
status-returned = Vráceno

## Doručovací heslo

code-heading = Doručovací heslo
code-intro = Pro převzetí balíku sdělte toto heslo kurýrovi u svých dveří.
code-valid-until = Platné do { $time } ({ $zone }).
code-never-tell = Nikdy ho nesdělujte nikomu, kdo vám volá nebo píše: naši zaměstnanci se na něj nikdy nezeptají. Slyšet ho smí pouze kurýr u vašich dveří.
code-show = Zobrazit doručovací heslo
code-shown-note = Z bezpečnostních důvodů se každé zobrazení hesla zaznamenává.
code-none = Tato zásilka nevyžaduje doručovací heslo.
code-locked = Heslo bylo zablokováno po příliš mnoha chybných pokusech u dveří. Kontaktujte nás a vystavíme vám nové.
code-expired = Platnost hesla skončila na konci dne doručení. Pokud je balík stále na cestě, kontaktujte nás a vystavíme vám nové.
code-retired = Balík byl doručen nebo vrácen; jeho heslo už není potřeba.
code-too-many = Heslo bylo za posledních 15 minut zobrazeno { $count ->
    [one] jednou
    [few] { $count }krát
    [many] { $count }krát
   *[other] { $count }krát
}. Z bezpečnostních důvodů ho bude možné znovu zobrazit od { $time }.

## Důvěryhodní příjemci

trusted-heading = Důvěryhodní příjemci
trusted-intro = Osoby, které za vás mohou převzít balík. Kdykoli je některá z nich přidána nebo obdrží heslo, dáme vám vědět e-mailem.
trusted-none = Nemáte žádné důvěryhodné příjemce.
trusted-name = Jméno
trusted-email = E-mailová adresa
trusted-add = Přidat důvěryhodného příjemce
trusted-remove = Odebrat: { $name }
trusted-added = Osoba { $name } byla přidána. Na vaši e-mailovou adresu jsme poslali oznámení.
trusted-removed = Osoba { $name } byla odebrána.
trusted-invalid-name = Zadejte jméno o délce 1 až 100 znaků, bez značek a řídicích znaků.
trusted-invalid-email = Zadejte e-mailovou adresu osoby, které důvěřujete.
trusted-too-many = Důvěryhodných příjemců můžete mít nejvýše { $max }. Nejprve některého odeberte.

## Chyby na stránce

error-heading = Něco se pokazilo
error-not-found = Nic tu není, nebo to patří k jinému účtu.
error-unavailable = Služba je momentálně nedostupná. Zkuste to prosím znovu za několik minut.
error-forbidden = Platnost tohoto formuláře vypršela. Načtěte stránku znovu a zkuste to ještě jednou.

## E-mail: odkaz pro přihlášení

mail-signin-subject = Váš odkaz pro přihlášení
mail-signin-body = Dobrý den, { $name }, tímto odkazem se přihlásíte ke sledování svých zásilek. Funguje jednou, do 15 minut:
mail-signin-ignore = Pokud tato žádost nepochází od vás, e-mail ignorujte: bez odkazu se nikdo přihlásit nemůže.

## E-mail: doručovací heslo

mail-password-subject = Vaše doručovací heslo k zásilce { $shipment }
mail-password-intro = Dobrý den, { $name }, zasíláme vám doručovací heslo k vaší zásilce { $shipment }. Pro převzetí balíku ho sdělte kurýrovi u dveří:
mail-password-intro-behalf = Dobrý den, { $name }, { $customer } si přeje, abychom vám zaslali doručovací heslo k zásilce { $shipment }. Pro převzetí balíku ho sdělte kurýrovi u dveří:
mail-password-valid = Platí do { $time } ({ $zone }).
mail-password-share = Pokud balík převezme místo vás osoba, které důvěřujete, můžete jí tento e-mail přeposlat.
mail-password-warning = Toto heslo nikdy nesdělujte nikomu, kdo vám volá nebo píše: naši zaměstnanci ani kurýr se na něj nikdy nezeptají, s výjimkou kurýra u vašich dveří.

## E-mail: oznámení držiteli účtu

mail-trusted-subject = K vašemu účtu byl přidán důvěryhodný příjemce
mail-trusted-body = Dobrý den, { $name }, dne { $time } byla mezi vaše důvěryhodné příjemce přidána osoba { $recipient } ({ $email }). Tato osoba nyní může dostávat doručovací hesla k vašim zásilkám.
mail-trusted-unexpected = Pokud o této změně nevíte, přihlaste se, tuto osobu odeberte a kontaktujte nás.
mail-sent-elsewhere-subject = Doručovací heslo k zásilce { $shipment } bylo zasláno osobě { $recipient }
mail-sent-elsewhere-body = Dobrý den, { $name }, dne { $time } bylo doručovací heslo k zásilce { $shipment } zasláno přes { $channel } osobě { $recipient } ({ $destination }), kterou máte mezi důvěryhodnými příjemci.
mail-sent-elsewhere-unexpected = Pokud o tom nevíte, kontaktujte nás: vystavíme vám nové heslo.
channel-email = e-mail

## E-mail: shrnutí při uzavření

mail-summary-subject = Váš požadavek { $ticket } byl uzavřen: { $subject }
mail-summary-greeting = Dobrý den, { $name },
mail-summary-intro = uzavřeli jsme váš požadavek { $ticket }. Zasíláme jeho shrnutí včetně celé naší konverzace.
mail-summary-request = Váš požadavek
mail-summary-topic = Téma
mail-summary-order = Objednávka
mail-summary-subject-label = Předmět
mail-summary-no-order = žádná
mail-summary-resolution = Co jsme udělali
mail-summary-conversation = Naše konverzace
mail-summary-you = Vy
mail-summary-closing = Pokud stále něco není v pořádku, odpovězte na tento e-mail nebo nás znovu kontaktujte a uveďte číslo { $ticket }.
mail-signature = Váš zákaznický servis

## Osm kategorií pomoci

category-orders = Objednávky
category-returns_refunds = Vrácení zboží a peněz
category-digital_devices = Digitální služby a zařízení
category-prime = Členství Prime
category-payment_options = Způsoby platby
category-account_management = Správa účtu
category-suspicious_activity = Podezřelá aktivita
category-gift_cards = Dárkové karty a dobití kreditu

## Žádost o pomoc

help-nav = Požádat o pomoc
help-heading = Požádat o pomoc
help-intro = Napište nám, čeho se věc týká a jak vám máme odpovědět. Odpoví vám člověk, ne bot.
help-topic = Čeho se to týká?
help-order = Které objednávky?
help-order-none = Žádné z mých objednávek
help-note = Vaše zpráva
help-contact = Jak vám máme odpovědět?
help-contact-email = E-mailem
help-contact-callback = Zavolejte mi zpět
help-phone = Číslo, na které máme volat
help-when = Kdy
help-when-asap = Co nejdříve (během několika minut)
help-when-at = V tento čas ({ $zone }):
help-send = Odeslat požadavek
help-no-phone = U vašeho účtu není žádné telefonní číslo, na které bychom vám mohli zavolat. Zvolte e-mail.
help-invalid-topic = Zvolte, čeho se váš požadavek týká.
help-invalid-note = Napište svou zprávu: 1 až 4000 znaků, bez řídicích znaků.
help-invalid-time = Zvolte čas v příštích 30 dnech, ne v minulosti.
help-invalid-phone = Zvolte jedno ze svých telefonních čísel.

## Moje požadavky

requests-nav = Moje požadavky
requests-heading = Moje požadavky
requests-none = Zatím nemáte žádné požadavky.
request-heading = Požadavek { $ticket }
request-opened = Datum vytvoření: { $date }
request-status-new = Čeká na zpracování
request-status-open = Řeší se
request-status-pending = Čeká na vaši odpověď
request-status-closed = Uzavřeno
request-channel-email = Odpovíme e-mailem
request-channel-phone_callback = Zavoláme vám zpět
request-channel-live_chat = Živý chat
request-channel-social = Sociální sítě
request-callback = Zpětné volání na číslo { $phone }: { $time }
request-callback-scheduled = naplánováno
request-callback-completed = uskutečněno
request-callback-failed = nepodařilo se nám vás zastihnout
request-callback-cancelled = zrušeno
request-you = Vy
request-answer = Vaše odpověď
request-send = Odeslat
request-sent = Váš požadavek byl odeslán. Odpovíme vám zvoleným způsobem.
request-answered = Vaše odpověď byla přidána.
request-closed = Tento požadavek je uzavřen. Pokud stále potřebujete pomoc, požádejte o ni znovu.
request-open-link = Otevřít požadavek { $ticket }

## E-mail: odpověď zákaznického servisu

mail-reply-subject = Re: váš požadavek { $ticket }: { $subject }
mail-reply-intro = Dobrý den, { $name }, na váš požadavek { $ticket } odpovídá { $agent }:
mail-reply-how = Chcete-li odpovědět, učiňte tak na své stránce v části „Moje požadavky“:

## Možnosti jednotlivých kategorií (čeho se požadavek týká)

topic-orders-where_is_my_parcel = Kde je moje zásilka?
topic-orders-delivery_password = Moje doručovací heslo
topic-orders-change_delivery = Změna doručení
topic-returns_refunds-start_return = Vrácení zboží
topic-returns_refunds-refund_status = Kde jsou moje vrácené peníze?
topic-returns_refunds-damaged_item = Zboží dorazilo poškozené
topic-digital_devices-device_setup = Nastavení zařízení
topic-digital_devices-digital_purchase = Digitální nákup
topic-digital_devices-subscription = Předplatné
topic-prime-prime_benefits = Výhody Prime
topic-prime-prime_billing = Platby za Prime
topic-prime-prime_cancel = Zrušení Prime
topic-payment_options-payment_declined = Platba byla zamítnuta
topic-payment_options-change_payment = Změna způsobu platby
topic-payment_options-invoice = Faktura
topic-account_management-signin_problem = Nemohu se přihlásit
topic-account_management-update_details = Aktualizace mých údajů
topic-account_management-close_account = Zrušení mého účtu
topic-suspicious_activity-unknown_order = Objednávka, o které nevím
topic-suspicious_activity-phishing_message = Podezřelá zpráva nebo hovor
topic-suspicious_activity-unrecognised_charge = Platba, kterou nepoznávám
topic-gift_cards-redeem_card = Uplatnění dárkové karty
topic-gift_cards-card_balance = Zůstatek mé dárkové karty
topic-gift_cards-card_not_received = Dárková karta, která nedorazila

## Živý chat

help-contact-chat = Chatovat s člověkem hned teď
chat-heading = Živý chat
chat-waiting = Hledáme někoho, kdo s vámi bude chatovat. Zůstaňte prosím na této stránce.
chat-offer = Váš chat zatím nikdo nepřijal. Místo toho vám můžeme zavolat zpět nebo odpovědět e-mailem.
chat-switch-email = Odpovězte mi raději e-mailem
chat-switch-callback = Zavolejte mi raději zpět
chat-switched = Váš požadavek nyní pokračuje způsobem, který jste zvolili.
chat-send = Odeslat
chat-no-script = Bez JavaScriptu uvidíte nové zprávy až po opětovném načtení stránky.
chat-typing = { $name } píše…
