# Alles, was Kundinnen und Kunden lesen, auf Deutsch: die Kundenseite und jede E-Mail.
# Eine Datei pro Sprache (crates/server/locales/<tag>.ftl); ein Test schlägt fehl, wenn einer Sprache
# eine Nachricht fehlt, die eine andere hat. Variablen füllt der Server; sie enthalten nie Markup.

## Die Sprache selbst

language-name = Deutsch

## Wie diese Sprache Daten und Zahlen schreibt: strftime-Muster von chrono (Monats- und Wochentagsnamen
## stammen aus dem Gebietsschema der Sprache) und das Dezimaltrennzeichen.

format-date = %A, %-d. %B %Y
format-datetime = %A, %-d. %B %Y, %H:%M Uhr
format-decimal-separator = ,

## Der Rahmen der Seite

page-title = Meine Sendung verfolgen
page-skip = Zum Inhalt springen
page-signed-in-as = Angemeldet als { $name }
page-sign-out = Abmelden
page-language = Sprache
page-change-language = Ändern
page-footer = Sportello Kundenservice. Wir fragen Sie niemals per Telefon, E-Mail oder Chat nach Ihrem Zustellpasswort.

## Anmelden

signin-heading = Anmelden
signin-intro = Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie sich anmelden; er funktioniert einmal, innerhalb von 15 Minuten.
signin-email = E-Mail-Adresse
signin-send = Anmeldelink senden
signin-sent-heading = Bitte prüfen Sie Ihre E-Mails
signin-sent = Falls ein Konto diese Adresse verwendet, ist ein Anmeldelink dorthin unterwegs. Der Link funktioniert einmal, innerhalb von 15 Minuten.
signin-invalid-email = Dies ist keine gültige E-Mail-Adresse. Bitte prüfen Sie sie und versuchen Sie es erneut.
signin-too-many = Es wurden zu viele Anmeldelinks angefordert. Bitte versuchen Sie es ab { $time } erneut.
signin-link-invalid-heading = Mit diesem Link ist keine Anmeldung möglich
signin-link-invalid = Der Link wurde bereits verwendet, ist abgelaufen oder unvollständig. Fordern Sie unten einen neuen an.
signin-again = Erneut anmelden

## Meine Bestellungen

orders-heading = Meine Bestellungen
orders-none = Sie haben noch keine Bestellungen.
order-heading = Bestellung { $order }
order-placed = Bestellt am { $date }
order-total = Gesamtbetrag: { $amount }
order-items = Artikel
order-item-quantity = { $quantity ->
    [one] { $quantity } Artikel
   *[other] { $quantity } Artikel
}
order-open = Diese Bestellung verfolgen
order-shipments = { $count ->
    [0] Noch nicht versandt
    [one] Eine Sendung
   *[other] { $count } Sendungen
}
order-back = Zurück zu meinen Bestellungen

## Meine Sendung verfolgen

shipment-heading = Sendung { $shipment }
shipment-carrier = { $carrier }, Sendungsnummer { $tracking }
shipment-delivery-date = Voraussichtliche Zustellung am { $date }
shipment-timeline = Sendungsverlauf
status-label_created = Versandetikett erstellt
status-shipped = Versandt
status-in_transit = Unterwegs
status-out_for_delivery = In Zustellung
status-delivery_attempted = Zustellversuch unternommen
status-delivered = Zugestellt
status-returned = Zurückgesendet

## Das Zustellpasswort

code-heading = Zustellpasswort
code-intro = Nennen Sie dieses Passwort dem Kurier an Ihrer Tür, um das Paket zu erhalten.
code-valid-until = Gültig bis { $time } ({ $zone }).
code-never-tell = Nennen Sie es niemals jemandem, der Sie anruft oder Ihnen schreibt: Unsere Mitarbeitenden werden Sie nie danach fragen. Nur der Kurier an Ihrer Tür darf es hören.
code-show = Mein Zustellpasswort anzeigen
code-shown-note = Zu Ihrer Sicherheit wird jede Anzeige des Passworts protokolliert.
code-none = Für diese Sendung ist kein Zustellpasswort erforderlich.
code-locked = Das Passwort wurde nach zu vielen Fehlversuchen an der Tür gesperrt. Bitte kontaktieren Sie uns, dann stellen wir Ihnen ein neues aus.
code-expired = Das Passwort ist am Ende seines Zustelltags abgelaufen. Falls das Paket noch unterwegs ist, kontaktieren Sie uns bitte, dann stellen wir Ihnen ein neues aus.
code-retired = Das Paket wurde zugestellt oder zurückgesendet; sein Passwort wird nicht mehr benötigt.
code-too-many = Sie haben das Passwort in den letzten 15 Minuten { $count ->
    [one] einmal
   *[other] { $count }-mal
} angezeigt. Zu Ihrer Sicherheit kann es erst ab { $time } wieder angezeigt werden.

## Vertrauenspersonen

trusted-heading = Vertrauenspersonen
trusted-intro = Personen, die ein Paket für Sie entgegennehmen dürfen. Wir informieren Sie per E-Mail, sobald eine Person hinzugefügt wird oder ein Passwort erhält.
trusted-none = Sie haben keine Vertrauenspersonen.
trusted-name = Name
trusted-email = E-Mail-Adresse
trusted-add = Vertrauensperson hinzufügen
trusted-remove = { $name } entfernen
trusted-added = { $name } wurde hinzugefügt. Wir haben eine Benachrichtigung an Ihre E-Mail-Adresse gesendet.
trusted-removed = { $name } wurde entfernt.
trusted-invalid-name = Geben Sie einen Namen mit 1 bis 100 Zeichen ein, ohne Markup oder Steuerzeichen.
trusted-invalid-email = Geben Sie die E-Mail-Adresse der Person ein, der Sie vertrauen.
trusted-too-many = Sie können höchstens { $max } Vertrauenspersonen haben. Bitte entfernen Sie zuerst eine.

## Fehler auf der Seite

error-heading = Etwas ist schiefgelaufen
error-not-found = Hier gibt es nichts, oder es gehört zu einem anderen Konto.
error-unavailable = Der Dienst ist derzeit nicht verfügbar. Bitte versuchen Sie es in einigen Minuten erneut.
error-forbidden = Dieses Formular ist abgelaufen. Bitte laden Sie die Seite neu und versuchen Sie es erneut.

## E-Mail: der Anmeldelink

mail-signin-subject = Ihr Anmeldelink
mail-signin-body = Guten Tag { $name }, mit diesem Link melden Sie sich an, um Ihre Pakete zu verfolgen. Er funktioniert einmal, innerhalb von 15 Minuten:
mail-signin-ignore = Falls Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail einfach: Ohne den Link kann sich niemand anmelden.

## E-Mail: das Zustellpasswort

mail-password-subject = Ihr Zustellpasswort für die Sendung { $shipment }
mail-password-intro = Guten Tag { $name }, hier ist das Zustellpasswort für Ihre Sendung { $shipment }. Nennen Sie es dem Kurier an der Tür, um das Paket zu erhalten:
mail-password-intro-behalf = Guten Tag { $name }, { $customer } hat uns gebeten, Ihnen das Zustellpasswort für die Sendung { $shipment } zu senden. Nennen Sie es dem Kurier an der Tür, um das Paket zu erhalten:
mail-password-valid = Es ist gültig bis { $time } ({ $zone }).
mail-password-share = Wenn eine Person Ihres Vertrauens das Paket für Sie entgegennimmt, können Sie ihr diese E-Mail weiterleiten.
mail-password-warning = Nennen Sie dieses Passwort niemals jemandem, der Sie anruft oder Ihnen schreibt: Weder unsere Mitarbeitenden noch der Kurier werden Sie je danach fragen – außer dem Kurier an Ihrer Tür.

## E-Mail: Hinweise an die Kontoinhaberin oder den Kontoinhaber

mail-trusted-subject = Ihrem Konto wurde eine Vertrauensperson hinzugefügt
mail-trusted-body = Guten Tag { $name }, am { $time } wurde { $recipient } ({ $email }) zu Ihren Vertrauenspersonen hinzugefügt. Diese Person kann nun Zustellpasswörter für Ihre Pakete erhalten.
mail-trusted-unexpected = Falls Sie das nicht waren, melden Sie sich bitte an, entfernen Sie die Person und kontaktieren Sie uns.
mail-sent-elsewhere-subject = Das Zustellpasswort für die Sendung { $shipment } wurde an { $recipient } gesendet
mail-sent-elsewhere-body = Guten Tag { $name }, am { $time } wurde das Zustellpasswort für die Sendung { $shipment } per { $channel } an Ihre Vertrauensperson { $recipient } ({ $destination }) gesendet.
mail-sent-elsewhere-unexpected = Falls Sie das nicht veranlasst haben, kontaktieren Sie uns bitte: Wir stellen Ihnen ein neues Passwort aus.
channel-email = E-Mail

## E-Mail: die Zusammenfassung zum Abschluss

mail-summary-subject = Ihre Anfrage { $ticket } ist abgeschlossen: { $subject }
mail-summary-greeting = Guten Tag { $name },
mail-summary-intro = wir haben Ihre Anfrage { $ticket } abgeschlossen. Hier finden Sie eine Zusammenfassung mit unserem gesamten Gesprächsverlauf.
mail-summary-request = Ihre Anfrage
mail-summary-topic = Thema
mail-summary-order = Bestellung
mail-summary-subject-label = Betreff
mail-summary-no-order = keine
mail-summary-resolution = Was wir unternommen haben
mail-summary-conversation = Unser Gesprächsverlauf
mail-summary-you = Sie
mail-summary-closing = Falls noch etwas nicht stimmt, antworten Sie auf diese E-Mail oder kontaktieren Sie uns erneut unter Angabe von { $ticket }.
mail-signature = Ihr Kundenservice

## Die acht Kategorien der Hilfe

category-orders = Bestellungen
category-returns_refunds = Rücksendungen und Erstattungen
category-digital_devices = Digitale Dienste und Geräte
category-prime = Prime-Mitgliedschaft
category-payment_options = Zahlungsarten
category-account_management = Kontoverwaltung
category-suspicious_activity = Verdächtige Aktivitäten
category-gift_cards = Geschenkkarten und Aufladungen

## Hilfe anfragen

help-nav = Hilfe anfragen
help-heading = Hilfe anfragen
help-intro = Sagen Sie uns, worum es geht und wie wir Ihnen antworten sollen. Ihnen antwortet ein Mensch, kein Bot.
help-topic = Worum geht es?
help-order = Welche Bestellung?
help-order-none = Keine meiner Bestellungen
help-note = Ihre Nachricht
help-contact = Wie sollen wir Ihnen antworten?
help-contact-email = Per E-Mail
help-contact-callback = Rufen Sie mich zurück
help-phone = Rückrufnummer
help-when = Wann
help-when-asap = So bald wie möglich (innerhalb weniger Minuten)
help-when-at = Zu diesem Zeitpunkt ({ $zone }):
help-send = Anfrage senden
help-no-phone = In Ihrem Konto ist keine Telefonnummer hinterlegt, unter der wir Sie anrufen können. Bitte wählen Sie E-Mail.
help-invalid-topic = Bitte wählen Sie, worum es in Ihrer Anfrage geht.
help-invalid-note = Bitte schreiben Sie Ihre Nachricht: 1 bis 4000 Zeichen, ohne Steuerzeichen.
help-invalid-time = Bitte wählen Sie einen Zeitpunkt innerhalb der nächsten 30 Tage, nicht in der Vergangenheit.
help-invalid-phone = Bitte wählen Sie eine Ihrer Telefonnummern.

## Meine Anfragen

requests-nav = Meine Anfragen
requests-heading = Meine Anfragen
requests-none = Sie haben noch keine Hilfe angefragt.
request-heading = Anfrage { $ticket }
request-opened = Gestellt am { $date }
request-status-new = Wartet auf Bearbeitung
request-status-open = In Bearbeitung
request-status-pending = Wartet auf Ihre Antwort
request-status-closed = Abgeschlossen
request-channel-email = Antwort per E-Mail
request-channel-phone_callback = Wir rufen Sie zurück
request-channel-live_chat = Live-Chat
request-channel-social = Soziale Medien
request-callback = Rückruf unter { $phone }: { $time }
request-callback-scheduled = geplant
request-callback-completed = erfolgt
request-callback-failed = wir haben Sie nicht erreicht
request-callback-cancelled = abgesagt
request-you = Sie
request-answer = Ihre Antwort
request-send = Senden
request-sent = Ihre Anfrage wurde gesendet. Wir antworten Ihnen auf dem gewünschten Weg.
request-answered = Ihre Antwort wurde hinzugefügt.
request-closed = Diese Anfrage ist abgeschlossen. Falls Sie weiterhin Hilfe benötigen, stellen Sie bitte eine neue Anfrage.
request-open-link = Anfrage { $ticket } öffnen

## E-Mail: die Antwort aus dem Kundenservice

mail-reply-subject = Re: Ihre Anfrage { $ticket }: { $subject }
mail-reply-intro = Guten Tag { $name }, { $agent } hat Ihre Anfrage { $ticket } beantwortet:
mail-reply-how = Um zu antworten, nutzen Sie bitte Ihre Seite unter „Meine Anfragen“:

## Die Optionen jeder Kategorie (worum es in der Anfrage geht)

topic-orders-where_is_my_parcel = Wo ist mein Paket?
topic-orders-delivery_password = Mein Zustellpasswort
topic-orders-change_delivery = Zustellung ändern
topic-returns_refunds-start_return = Einen Artikel zurücksenden
topic-returns_refunds-refund_status = Wo bleibt meine Erstattung?
topic-returns_refunds-damaged_item = Ein Artikel kam beschädigt an
topic-digital_devices-device_setup = Ein Gerät einrichten
topic-digital_devices-digital_purchase = Ein digitaler Kauf
topic-digital_devices-subscription = Ein Abonnement
topic-prime-prime_benefits = Prime-Vorteile
topic-prime-prime_billing = Prime-Abrechnung
topic-prime-prime_cancel = Prime kündigen
topic-payment_options-payment_declined = Eine Zahlung wurde abgelehnt
topic-payment_options-change_payment = Zahlungsart ändern
topic-payment_options-invoice = Eine Rechnung
topic-account_management-signin_problem = Ich kann mich nicht anmelden
topic-account_management-update_details = Meine Daten aktualisieren
topic-account_management-close_account = Mein Konto schließen
topic-suspicious_activity-unknown_order = Eine Bestellung, die ich nicht aufgegeben habe
topic-suspicious_activity-phishing_message = Eine verdächtige Nachricht oder ein verdächtiger Anruf
topic-suspicious_activity-unrecognised_charge = Eine Abbuchung, die ich nicht zuordnen kann
topic-gift_cards-redeem_card = Eine Geschenkkarte einlösen
topic-gift_cards-card_balance = Guthaben meiner Geschenkkarte
topic-gift_cards-card_not_received = Eine Geschenkkarte ist nicht angekommen

## Live-Chat

help-contact-chat = Jetzt mit einem Menschen chatten
chat-heading = Live-Chat
chat-waiting = Wir suchen jemanden, der mit Ihnen chattet. Bitte bleiben Sie auf dieser Seite.
chat-offer = Noch hat niemand Ihren Chat angenommen. Wir können Sie stattdessen zurückrufen oder Ihnen per E-Mail antworten.
chat-switch-email = Antworten Sie mir stattdessen per E-Mail
chat-switch-callback = Rufen Sie mich stattdessen zurück
chat-switched = Ihre Anfrage wird jetzt auf dem von Ihnen gewählten Weg fortgesetzt.
chat-send = Senden
chat-no-script = Ohne JavaScript laden Sie bitte die Seite neu, um neue Nachrichten zu sehen.
chat-typing = { $name } schreibt…
