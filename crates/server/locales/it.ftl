# Tutto ciò che il cliente legge, in italiano: la pagina del cliente e ogni e-mail.
# Un file per lingua (crates/server/locales/<tag>.ftl); un test fallisce se a una lingua
# manca un messaggio presente in un'altra. Le variabili sono riempite dal server e non contengono mai markup.

## La lingua stessa

language-name = Italiano

## Come questa lingua scrive date e numeri: modelli strftime di chrono (i nomi dei mesi e dei giorni
## vengono dalla localizzazione della lingua) e il separatore decimale.

format-date = %A %-d %B %Y
format-datetime = %H:%M di %A %-d %B %Y
format-decimal-separator = ,

## La cornice della pagina

page-title = Segui il mio pacco
page-skip = Vai al contenuto
page-signed-in-as = Accesso effettuato come { $name }
page-sign-out = Esci
page-language = Lingua
page-change-language = Cambia
page-footer = Servizio clienti Sportello. Non le chiederemo mai la password di consegna per telefono, e-mail o chat.

## Accesso

signin-heading = Accedi
signin-intro = Inserisca l'indirizzo e-mail del suo account. Le invieremo un link per accedere; funziona una sola volta, entro 15 minuti.
signin-email = Indirizzo e-mail
signin-send = Inviatemi un link di accesso
signin-sent-heading = Controlli la sua e-mail
signin-sent = Se questo indirizzo appartiene a un account, riceverà a breve un link di accesso. Il link funziona una sola volta, entro 15 minuti.
signin-invalid-email = Questo non è un indirizzo e-mail valido. Lo controlli e riprovi.
signin-too-many = Sono stati richiesti troppi link di accesso. Riprovi dopo le { $time }.
signin-link-invalid-heading = Questo link non consente l'accesso
signin-link-invalid = Il link è già stato usato, è scaduto o è incompleto. Ne richieda uno nuovo qui sotto.
signin-again = Accedi di nuovo

## I miei ordini

orders-heading = I miei ordini
orders-none = Non ha ancora effettuato ordini.
order-heading = Ordine { $order }
order-placed = Effettuato { $date }
order-total = Totale: { $amount }
order-items = Articoli
order-item-quantity = { $quantity ->
    [one] { $quantity } articolo
   *[other] { $quantity } articoli
}
order-open = Segui questo ordine
order-shipments = { $count ->
    [0] Non ancora spedito
    [one] Una spedizione
   *[other] { $count } spedizioni
}
order-back = Torna ai miei ordini

## Segui il mio pacco

shipment-heading = Spedizione { $shipment }
shipment-carrier = { $carrier }, numero di tracciamento { $tracking }
shipment-delivery-date = Consegna prevista per { $date }
shipment-timeline = Tracciamento
status-label_created = Etichetta creata
status-shipped = Spedito
status-in_transit = In transito
status-out_for_delivery = In consegna
status-delivery_attempted = Tentativo di consegna effettuato
status-delivered = Consegnato
status-returned = Restituito al mittente

## La password di consegna

code-heading = Password di consegna
code-intro = Comunichi questa password al corriere alla sua porta per ricevere il pacco.
code-valid-until = Valida fino alle { $time } ({ $zone }).
code-never-tell = Non la comunichi mai a chi la chiama o le scrive: il nostro personale non gliela chiederà mai. Solo il corriere alla sua porta può sentirla.
code-show = Mostra la mia password di consegna
code-shown-note = Per la sua sicurezza, ogni visualizzazione della password viene registrata.
code-none = Questa spedizione non richiede una password di consegna.
code-locked = La password è stata bloccata dopo troppi tentativi errati alla porta. Ci contatti e gliene emetteremo una nuova.
code-expired = La password è scaduta alla fine del suo giorno di consegna. Se il pacco è ancora in viaggio, ci contatti e gliene emetteremo una nuova.
code-retired = Il pacco è stato consegnato o restituito; la sua password non serve più.
code-too-many = Ha mostrato la password { $count ->
    [one] una volta
   *[other] { $count } volte
} negli ultimi 15 minuti. Per la sua sicurezza potrà mostrarla di nuovo dopo le { $time }.

## Destinatari di fiducia

trusted-heading = Destinatari di fiducia
trusted-intro = Persone che possono ricevere un pacco al suo posto. La avvisiamo via e-mail ogni volta che ne viene aggiunta una o che una di loro riceve una password.
trusted-none = Non ha destinatari di fiducia.
trusted-name = Nome
trusted-email = Indirizzo e-mail
trusted-add = Aggiungi destinatario di fiducia
trusted-remove = Rimuovi { $name }
trusted-added = { $name } è ora tra i suoi destinatari di fiducia. Abbiamo inviato un avviso al suo indirizzo e-mail.
trusted-removed = { $name } non è più tra i suoi destinatari di fiducia.
trusted-invalid-name = Inserisca un nome da 1 a 100 caratteri, senza markup né caratteri di controllo.
trusted-invalid-email = Inserisca l'indirizzo e-mail della persona di fiducia.
trusted-too-many = Può avere al massimo { $max } destinatari di fiducia. Ne rimuova prima uno.

## Errori nella pagina

error-heading = Si è verificato un problema
error-not-found = Qui non c'è nulla, oppure appartiene a un altro account.
error-unavailable = Il servizio non è disponibile al momento. Riprovi tra qualche minuto.
error-forbidden = Questo modulo è scaduto. Ricarichi la pagina e riprovi.

## E-mail: il link di accesso

mail-signin-subject = Il suo link di accesso
mail-signin-body = Gentile { $name }, usi questo link per accedere e seguire i suoi pacchi. Funziona una sola volta, entro 15 minuti:
mail-signin-ignore = Se non l'ha richiesto, ignori questa e-mail: nessuno può accedere senza il link.

## E-mail: la password di consegna

mail-password-subject = La password di consegna della spedizione { $shipment }
mail-password-intro = Gentile { $name }, ecco la password di consegna della sua spedizione { $shipment }. La comunichi al corriere alla porta per ricevere il pacco:
mail-password-intro-behalf = Gentile { $name }, { $customer } ci ha chiesto di inviarle la password di consegna della spedizione { $shipment }. La comunichi al corriere alla porta per ricevere il pacco:
mail-password-valid = È valida fino alle { $time } ({ $zone }).
mail-password-share = Se una persona di fiducia riceverà il pacco al suo posto, può inoltrarle questa e-mail.
mail-password-warning = Non comunichi mai questa password a chi la chiama o le scrive: il nostro personale e il corriere non gliela chiederanno mai, tranne il corriere alla sua porta.

## E-mail: avvisi al titolare dell'account

mail-trusted-subject = Un destinatario di fiducia è stato aggiunto al suo account
mail-trusted-body = Gentile { $name }, alle { $time } la persona { $recipient } ({ $email }) è stata aggiunta ai suoi destinatari di fiducia. D'ora in poi potrà ricevere le password di consegna dei suoi pacchi.
mail-trusted-unexpected = Se non è stato Lei, acceda, rimuova questa persona e ci contatti.
mail-sent-elsewhere-subject = La password di consegna della spedizione { $shipment } è stata inviata a { $recipient }
mail-sent-elsewhere-body = Gentile { $name }, alle { $time } la password di consegna della spedizione { $shipment } è stata inviata via { $channel } a { $recipient } ({ $destination }), che figura tra i suoi destinatari di fiducia.
mail-sent-elsewhere-unexpected = Se non l'ha richiesto, ci contatti: le emetteremo una nuova password.
channel-email = e-mail

## E-mail: il riepilogo alla chiusura

mail-summary-subject = La sua richiesta { $ticket } è chiusa: { $subject }
mail-summary-greeting = Gentile { $name },
mail-summary-intro = abbiamo chiuso la sua richiesta { $ticket }. Ecco un riepilogo, con tutta la nostra conversazione.
mail-summary-request = La sua richiesta
mail-summary-topic = Argomento
mail-summary-order = Ordine
mail-summary-subject-label = Oggetto
mail-summary-no-order = nessuno
mail-summary-resolution = Che cosa abbiamo fatto
mail-summary-conversation = La nostra conversazione
mail-summary-you = Lei
mail-summary-closing = Se qualcosa non va ancora, risponda a questa e-mail o ci contatti di nuovo citando { $ticket }.
mail-signature = Il suo servizio clienti

## Le otto categorie di assistenza

category-orders = Ordini
category-returns_refunds = Resi e rimborsi
category-digital_devices = Servizi digitali e dispositivi
category-prime = Abbonamento Prime
category-payment_options = Metodi di pagamento
category-account_management = Gestione account
category-suspicious_activity = Attività sospette
category-gift_cards = Buoni regalo e ricariche

## Richiesta di assistenza

help-nav = Richiedi assistenza
help-heading = Richiedi assistenza
help-intro = Ci dica di che cosa si tratta e come preferisce che le rispondiamo. Le risponderà una persona, non un bot.
help-topic = Di che cosa si tratta?
help-order = Quale ordine?
help-order-none = Nessuno dei miei ordini
help-note = Il suo messaggio
help-contact = Come preferisce che le rispondiamo?
help-contact-email = Via e-mail
help-contact-callback = Richiamatemi
help-phone = Numero da chiamare
help-when = Quando
help-when-asap = Il prima possibile (entro pochi minuti)
help-when-at = A quest'ora ({ $zone }):
help-send = Invia la mia richiesta
help-no-phone = Sul suo account non c'è un numero di telefono a cui possiamo chiamarla. Scelga l'e-mail.
help-invalid-topic = Scelga l'argomento della sua richiesta.
help-invalid-note = Scriva il suo messaggio: da 1 a 4000 caratteri, senza caratteri di controllo.
help-invalid-time = Scelga un orario entro i prossimi 30 giorni, non nel passato.
help-invalid-phone = Scelga uno dei suoi numeri di telefono.

## Le mie richieste

requests-nav = Le mie richieste
requests-heading = Le mie richieste
requests-none = Non ha ancora chiesto assistenza.
request-heading = Richiesta { $ticket }
request-opened = Aperta { $date }
request-status-new = In attesa di un operatore
request-status-open = In lavorazione
request-status-pending = In attesa di una sua risposta
request-status-closed = Chiusa
request-channel-email = Rispondiamo via e-mail
request-channel-phone_callback = La richiamiamo
request-channel-live_chat = Chat dal vivo
request-channel-social = Social media
request-callback = Richiamata al numero { $phone }: { $time }
request-callback-scheduled = programmata
request-callback-completed = effettuata
request-callback-failed = non siamo riusciti a contattarla
request-callback-cancelled = annullata
request-you = Lei
request-answer = La sua risposta
request-send = Invia
request-sent = La sua richiesta è stata inviata. Le risponderemo nel modo che ha indicato.
request-answered = La sua risposta è stata aggiunta.
request-closed = Questa richiesta è chiusa. Se ha ancora bisogno di assistenza, invii una nuova richiesta.
request-open-link = Apri la richiesta { $ticket }

## E-mail: la risposta di un operatore

mail-reply-subject = Re: la sua richiesta { $ticket }: { $subject }
mail-reply-intro = Gentile { $name }, { $agent } ha risposto alla sua richiesta { $ticket }:
mail-reply-how = Per rispondere, usi la sua pagina, nella sezione «Le mie richieste»:

## Le opzioni di ogni categoria (l'argomento della richiesta)

topic-orders-where_is_my_parcel = Dov'è il mio pacco?
topic-orders-delivery_password = La mia password di consegna
topic-orders-change_delivery = Modificare la consegna
topic-returns_refunds-start_return = Restituire un articolo
topic-returns_refunds-refund_status = Dov'è il mio rimborso?
topic-returns_refunds-damaged_item = Un articolo è arrivato danneggiato
topic-digital_devices-device_setup = Configurare un dispositivo
topic-digital_devices-digital_purchase = Un acquisto digitale
topic-digital_devices-subscription = Un abbonamento
topic-prime-prime_benefits = Vantaggi di Prime
topic-prime-prime_billing = Addebiti di Prime
topic-prime-prime_cancel = Disdire Prime
topic-payment_options-payment_declined = Un pagamento è stato rifiutato
topic-payment_options-change_payment = Cambiare il metodo di pagamento
topic-payment_options-invoice = Una fattura
topic-account_management-signin_problem = Non riesco ad accedere
topic-account_management-update_details = Aggiornare i miei dati
topic-account_management-close_account = Chiudere il mio account
topic-suspicious_activity-unknown_order = Un ordine che non ho effettuato
topic-suspicious_activity-phishing_message = Un messaggio o una chiamata sospetti
topic-suspicious_activity-unrecognised_charge = Un addebito che non riconosco
topic-gift_cards-redeem_card = Riscattare un buono regalo
topic-gift_cards-card_balance = Il saldo del mio buono regalo
topic-gift_cards-card_not_received = Un buono regalo che non è arrivato

## Chat dal vivo

help-contact-chat = Chat subito con una persona
chat-heading = Chat dal vivo
chat-waiting = Stiamo cercando una persona che le risponda in chat. Resti su questa pagina.
chat-offer = Nessuno ha ancora risposto alla sua chat. Possiamo invece richiamarla o risponderle via e-mail.
chat-switch-email = Rispondetemi invece via e-mail
chat-switch-callback = Richiamatemi invece
chat-switched = La sua richiesta ora prosegue nel modo che ha scelto.
chat-send = Invia
chat-no-script = Senza JavaScript, ricarichi la pagina per vedere i nuovi messaggi.
chat-typing = { $name } sta scrivendo…
