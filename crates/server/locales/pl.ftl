# Wszystko, co czyta klient, po polsku: strona klienta i każda wiadomość e-mail.
# Jeden plik na język (crates/server/locales/<tag>.ftl); test kończy się błędem, gdy w jakimś języku
# brakuje komunikatu, który ma inny język. Zmienne wypełnia serwer i nigdy nie zawierają znaczników.

## Sam język

language-name = Polski

## Jak ten język zapisuje daty i liczby: wzorce strftime biblioteki chrono (nazwy miesięcy i dni
## pochodzą z ustawień regionalnych języka) oraz separator dziesiętny.

format-date = %A, %-d %B %Y
format-datetime = %-d %B %Y, godz. %H:%M
format-decimal-separator = ,

## Ramka strony

page-title = Śledzenie przesyłki
page-skip = Przejdź do treści
page-signed-in-as = Zalogowano jako { $name }
page-sign-out = Wyloguj się
page-language = Język
page-change-language = Zmień
page-footer = Obsługa klienta Sportello. Nigdy nie prosimy o hasło doręczenia telefonicznie, e-mailem ani na czacie.

## Logowanie

signin-heading = Logowanie
signin-intro = Prosimy podać adres e-mail powiązany z kontem. Wyślemy na niego link do logowania; działa on jednorazowo, przez 15 minut.
signin-email = Adres e-mail
signin-send = Wyślij link do logowania
signin-sent-heading = Prosimy sprawdzić skrzynkę e-mail
signin-sent = Jeśli ten adres jest przypisany do konta, wysłaliśmy na niego link do logowania. Link działa jednorazowo, przez 15 minut.
signin-invalid-email = To nie jest prawidłowy adres e-mail. Prosimy go sprawdzić i spróbować ponownie.
signin-too-many = Zamówiono zbyt wiele linków do logowania. Ponowna próba będzie możliwa od { $time }.
signin-link-invalid-heading = Ten link nie umożliwia zalogowania
signin-link-invalid = Link został już użyty, wygasł lub jest niekompletny. Poniżej można poprosić o nowy.
signin-again = Zaloguj się ponownie

## Moje zamówienia

orders-heading = Moje zamówienia
orders-none = Nie mają Państwo jeszcze żadnych zamówień.
order-heading = Zamówienie { $order }
order-placed = Data złożenia: { $date }
order-total = Razem: { $amount }
order-items = Produkty
order-item-quantity = { $quantity ->
    [one] { $quantity } produkt
    [few] { $quantity } produkty
   *[many] { $quantity } produktów
    [other] { $quantity } produktu
}
order-open = Śledź to zamówienie
order-shipments = { $count ->
    [0] Jeszcze nie wysłano
    [one] Jedna przesyłka
    [few] { $count } przesyłki
   *[many] { $count } przesyłek
    [other] { $count } przesyłki
}
order-back = Wróć do moich zamówień

## Śledzenie przesyłki

shipment-heading = Przesyłka { $shipment }
shipment-carrier = { $carrier }, numer do śledzenia { $tracking }
shipment-delivery-date = Przewidywana dostawa: { $date }
shipment-timeline = Historia przesyłki
status-label_created = Utworzono etykietę
status-shipped = Nadana
status-in_transit = W drodze
status-out_for_delivery = Wydana do doręczenia
status-delivery_attempted = Próba doręczenia
status-delivered = Doręczona
status-returned = Zwrócona

## Hasło doręczenia

code-heading = Hasło doręczenia
code-intro = Aby odebrać paczkę, prosimy podać to hasło kurierowi przy drzwiach.
code-valid-until = Ważne do { $time } ({ $zone }).
code-never-tell = Prosimy nigdy nie podawać go nikomu, kto do Państwa dzwoni lub pisze: nasi pracownicy nigdy o nie nie poproszą. Może je usłyszeć wyłącznie kurier przy Państwa drzwiach.
code-show = Pokaż moje hasło doręczenia
code-shown-note = Dla Państwa bezpieczeństwa każde wyświetlenie hasła jest rejestrowane.
code-none = Ta przesyłka nie wymaga hasła doręczenia.
code-locked = Hasło zostało zablokowane po zbyt wielu błędnych próbach przy drzwiach. Prosimy o kontakt – wydamy nowe.
code-expired = Hasło wygasło z końcem dnia doręczenia. Jeśli paczka jest jeszcze w drodze, prosimy o kontakt – wydamy nowe.
code-retired = Paczka została doręczona lub zwrócona; jej hasło nie jest już potrzebne.
code-too-many = W ciągu ostatnich 15 minut hasło zostało wyświetlone { $count ->
    [one] raz
    [few] { $count } razy
   *[many] { $count } razy
    [other] { $count } raza
}. Dla Państwa bezpieczeństwa ponowne wyświetlenie będzie możliwe od { $time }.

## Zaufani odbiorcy

trusted-heading = Zaufani odbiorcy
trusted-intro = Osoby, które mogą odebrać paczkę w Państwa imieniu. Informujemy e-mailem za każdym razem, gdy ktoś zostanie dodany lub otrzyma hasło.
trusted-none = Nie mają Państwo zaufanych odbiorców.
trusted-name = Imię i nazwisko
trusted-email = Adres e-mail
trusted-add = Dodaj zaufanego odbiorcę
trusted-remove = Usuń: { $name }
trusted-added = Dodano: { $name }. Wysłaliśmy powiadomienie na Państwa adres e-mail.
trusted-removed = Usunięto: { $name }.
trusted-invalid-name = Prosimy podać imię i nazwisko o długości od 1 do 100 znaków, bez znaczników i znaków sterujących.
trusted-invalid-email = Prosimy podać adres e-mail zaufanej osoby.
trusted-too-many = Limit zaufanych odbiorców wynosi { $max }. Prosimy najpierw usunąć jednego z nich.

## Błędy na stronie

error-heading = Wystąpił błąd
error-not-found = Nic tu nie ma albo ta strona należy do innego konta.
error-unavailable = Usługa jest w tej chwili niedostępna. Prosimy spróbować ponownie za kilka minut.
error-forbidden = Ten formularz wygasł. Prosimy odświeżyć stronę i spróbować ponownie.

## E-mail: link do logowania

mail-signin-subject = Link do logowania
mail-signin-body = Dzień dobry, { $name }. Prosimy użyć tego linku, aby się zalogować i śledzić swoje przesyłki. Link działa jednorazowo, przez 15 minut:
mail-signin-ignore = Jeśli nie prosili Państwo o ten link, prosimy zignorować tę wiadomość: bez linku nikt nie może się zalogować.

## E-mail: hasło doręczenia

mail-password-subject = Hasło doręczenia przesyłki { $shipment }
mail-password-intro = Dzień dobry, { $name }. Oto hasło doręczenia Państwa przesyłki { $shipment }. Aby odebrać paczkę, prosimy podać je kurierowi przy drzwiach:
mail-password-intro-behalf = Dzień dobry, { $name }. { $customer } prosi o przekazanie Państwu hasła doręczenia przesyłki { $shipment }. Aby odebrać paczkę, prosimy podać je kurierowi przy drzwiach:
mail-password-valid = Hasło jest ważne do { $time } ({ $zone }).
mail-password-share = Jeśli paczkę odbierze w Państwa imieniu zaufana osoba, mogą Państwo przekazać jej tę wiadomość.
mail-password-warning = Prosimy nigdy nie podawać tego hasła nikomu, kto do Państwa dzwoni lub pisze: ani nasi pracownicy, ani kurier nigdy o nie nie poproszą – z wyjątkiem kuriera przy Państwa drzwiach.

## E-mail: powiadomienia dla właściciela konta

mail-trusted-subject = Do Państwa konta dodano zaufanego odbiorcę
mail-trusted-body = Dzień dobry, { $name }. Dnia { $time } do Państwa zaufanych odbiorców dodano osobę { $recipient } ({ $email }). Może ona teraz otrzymywać hasła doręczenia Państwa paczek.
mail-trusted-unexpected = Jeśli to nie Państwo, prosimy zalogować się, usunąć tę osobę i skontaktować się z nami.
mail-sent-elsewhere-subject = Hasło doręczenia przesyłki { $shipment } zostało wysłane do: { $recipient }
mail-sent-elsewhere-body = Dzień dobry, { $name }. Dnia { $time } hasło doręczenia przesyłki { $shipment } zostało wysłane do Państwa zaufanego odbiorcy: { $recipient } ({ $destination }), kanał: { $channel }.
mail-sent-elsewhere-unexpected = Jeśli nie prosili Państwo o to, prosimy o kontakt: wydamy nowe hasło.
channel-email = e-mail

## E-mail: podsumowanie po zamknięciu

mail-summary-subject = Państwa zgłoszenie { $ticket } zostało zamknięte: { $subject }
mail-summary-greeting = Dzień dobry, { $name },
mail-summary-intro = Zamknęliśmy Państwa zgłoszenie { $ticket }. Poniżej przesyłamy jego podsumowanie wraz z całą naszą korespondencją.
mail-summary-request = Państwa zgłoszenie
mail-summary-topic = Kategoria
mail-summary-order = Zamówienie
mail-summary-subject-label = Temat
mail-summary-no-order = brak
mail-summary-resolution = Co zrobiliśmy
mail-summary-conversation = Nasza korespondencja
mail-summary-you = Klient
mail-summary-closing = Jeśli coś nadal jest nie tak, prosimy odpowiedzieć na tę wiadomość lub ponownie się z nami skontaktować, podając numer { $ticket }.
mail-signature = Obsługa klienta

## Osiem kategorii pomocy

category-orders = Zamówienia
category-returns_refunds = Zwroty i refundacje
category-digital_devices = Usługi cyfrowe i urządzenia
category-prime = Abonament Prime
category-payment_options = Metody płatności
category-account_management = Zarządzanie kontem
category-suspicious_activity = Podejrzana aktywność
category-gift_cards = Karty podarunkowe i doładowania

## Prośba o pomoc

help-nav = Prośba o pomoc
help-heading = Prośba o pomoc
help-intro = Prosimy napisać, czego dotyczy sprawa i w jaki sposób mamy odpowiedzieć. Odpowiada człowiek, nie bot.
help-topic = Czego dotyczy sprawa?
help-order = Którego zamówienia?
help-order-none = Żadnego z moich zamówień
help-note = Treść wiadomości
help-contact = Jak mamy odpowiedzieć?
help-contact-email = E-mailem
help-contact-callback = Proszę o oddzwonienie
help-phone = Numer, pod który mamy zadzwonić
help-when = Kiedy
help-when-asap = Jak najszybciej (w ciągu kilku minut)
help-when-at = W wybranym terminie ({ $zone }):
help-send = Wyślij zgłoszenie
help-no-phone = Na Państwa koncie nie ma numeru telefonu, pod który moglibyśmy zadzwonić. Prosimy wybrać e-mail.
help-invalid-topic = Prosimy wybrać, czego dotyczy zgłoszenie.
help-invalid-note = Prosimy wpisać wiadomość: od 1 do 4000 znaków, bez znaków sterujących.
help-invalid-time = Prosimy wybrać termin w ciągu najbliższych 30 dni, nie w przeszłości.
help-invalid-phone = Prosimy wybrać jeden ze swoich numerów telefonu.

## Moje zgłoszenia

requests-nav = Moje zgłoszenia
requests-heading = Moje zgłoszenia
requests-none = Nie prosili Państwo jeszcze o pomoc.
request-heading = Zgłoszenie { $ticket }
request-opened = Data zgłoszenia: { $date }
request-status-new = Oczekuje na konsultanta
request-status-open = W realizacji
request-status-pending = Oczekuje na Państwa odpowiedź
request-status-closed = Zamknięte
request-channel-email = Odpowiadamy e-mailem
request-channel-phone_callback = Oddzwaniamy
request-channel-live_chat = Czat na żywo
request-channel-social = Media społecznościowe
request-callback = Oddzwonienie na numer { $phone }: { $time }
request-callback-scheduled = zaplanowane
request-callback-completed = wykonane
request-callback-failed = nie udało się nam z Państwem skontaktować
request-callback-cancelled = anulowane
request-you = Klient
request-answer = Państwa odpowiedź
request-send = Wyślij
request-sent = Zgłoszenie zostało wysłane. Odpowiemy w wybrany przez Państwa sposób.
request-answered = Państwa odpowiedź została dodana.
request-closed = To zgłoszenie jest zamknięte. Jeśli nadal potrzebują Państwo pomocy, prosimy utworzyć nowe zgłoszenie.
request-open-link = Otwórz zgłoszenie { $ticket }

## E-mail: odpowiedź konsultanta

mail-reply-subject = Re: Państwa zgłoszenie { $ticket }: { $subject }
mail-reply-intro = Dzień dobry, { $name }. Na Państwa zgłoszenie { $ticket } odpowiada { $agent }:
mail-reply-how = Aby odpowiedzieć, prosimy przejść na swoją stronę, do sekcji „Moje zgłoszenia”:

## Opcje każdej kategorii (czego dotyczy zgłoszenie)

topic-orders-where_is_my_parcel = Gdzie jest moja paczka?
topic-orders-delivery_password = Moje hasło doręczenia
topic-orders-change_delivery = Zmiana doręczenia
topic-returns_refunds-start_return = Zwrot produktu
topic-returns_refunds-refund_status = Gdzie jest mój zwrot pieniędzy?
topic-returns_refunds-damaged_item = Produkt dotarł uszkodzony
topic-digital_devices-device_setup = Konfiguracja urządzenia
topic-digital_devices-digital_purchase = Zakup cyfrowy
topic-digital_devices-subscription = Subskrypcja
topic-prime-prime_benefits = Korzyści Prime
topic-prime-prime_billing = Płatności za Prime
topic-prime-prime_cancel = Rezygnacja z Prime
topic-payment_options-payment_declined = Płatność została odrzucona
topic-payment_options-change_payment = Zmiana metody płatności
topic-payment_options-invoice = Faktura
topic-account_management-signin_problem = Nie mogę się zalogować
topic-account_management-update_details = Aktualizacja moich danych
topic-account_management-close_account = Zamknięcie mojego konta
topic-suspicious_activity-unknown_order = Zamówienie, którego nie rozpoznaję
topic-suspicious_activity-phishing_message = Podejrzana wiadomość lub rozmowa telefoniczna
topic-suspicious_activity-unrecognised_charge = Obciążenie, którego nie rozpoznaję
topic-gift_cards-redeem_card = Realizacja karty podarunkowej
topic-gift_cards-card_balance = Saldo mojej karty podarunkowej
topic-gift_cards-card_not_received = Karta podarunkowa, która nie dotarła

## Czat na żywo

help-contact-chat = Czat z konsultantem – od razu
chat-heading = Czat na żywo
chat-waiting = Szukamy konsultanta, który porozmawia z Państwem na czacie. Prosimy nie opuszczać tej strony.
chat-offer = Nikt jeszcze nie odebrał Państwa czatu. Zamiast tego możemy oddzwonić lub odpowiedzieć e-mailem.
chat-switch-email = Proszę zamiast tego o odpowiedź e-mailem
chat-switch-callback = Proszę zamiast tego o oddzwonienie
chat-switched = Zgłoszenie jest teraz kontynuowane w wybrany przez Państwa sposób.
chat-send = Wyślij
chat-no-script = Bez JavaScriptu nowe wiadomości pojawią się dopiero po odświeżeniu strony.
chat-typing = { $name } pisze…
