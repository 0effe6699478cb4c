# Tout ce que lit le client, en français : la page client et chaque e-mail.
# Un fichier par langue (crates/server/locales/<tag>.ftl) ; un test échoue lorsqu'il manque à une langue
# un message qu'une autre possède. Les variables sont remplies par le serveur et ne contiennent jamais de balisage.

## La langue elle-même

language-name = Français

## Comment cette langue écrit les dates et les nombres : modèles strftime de chrono (les noms des mois
## et des jours viennent des paramètres régionaux de la langue) et le séparateur décimal.

format-date = %A %-d %B %Y
format-datetime = %A %-d %B %Y à %H:%M
format-decimal-separator = ,

## Le cadre de la page

page-title = Suivre mon colis
page-skip = Aller au contenu
page-signed-in-as = Session ouverte au nom de { $name }
page-sign-out = Se déconnecter
page-language = Langue
page-change-language = Modifier
page-footer = Service client Sportello. Nous ne vous demandons jamais votre mot de passe de livraison par téléphone, e-mail ou chat.

## Connexion

signin-heading = Connexion
signin-intro = Saisissez l'adresse e-mail de votre compte. Nous vous enverrons un lien de connexion ; il n'est valable qu'une seule fois, pendant 15 minutes.
signin-email = Adresse e-mail
signin-send = M'envoyer un lien de connexion
signin-sent-heading = Consultez votre messagerie
signin-sent = Si un compte utilise cette adresse, un lien de connexion vient d'y être envoyé. Le lien n'est valable qu'une seule fois, pendant 15 minutes.
signin-invalid-email = Cette adresse e-mail n'est pas valide. Vérifiez-la et réessayez.
signin-too-many = Trop de liens de connexion ont été demandés. Réessayez à partir du { $time }.
signin-link-invalid-heading = Ce lien ne permet pas de vous connecter
signin-link-invalid = Le lien a déjà été utilisé, a expiré ou est incomplet. Demandez-en un nouveau ci-dessous.
signin-again = Se reconnecter

## Mes commandes

orders-heading = Mes commandes
orders-none = Vous n'avez encore passé aucune commande.
order-heading = Commande { $order }
order-placed = Passée le { $date }
order-total = Total : { $amount }
order-items = Articles
order-item-quantity = { $quantity ->
    [one] { $quantity } article
   *[other] { $quantity } articles
}
order-open = Suivre cette commande
order-shipments = { $count ->
    [0] Pas encore expédiée
    [one] Un envoi
   *[other] { $count } envois
}
order-back = Retour à mes commandes

## Suivre mon colis

shipment-heading = Envoi { $shipment }
shipment-carrier = { $carrier }, numéro de suivi { $tracking }
shipment-delivery-date = Livraison prévue le { $date }
shipment-timeline = Suivi
status-label_created = Étiquette créée
status-shipped = Expédié
status-in_transit = En transit
status-out_for_delivery = En cours de livraison
status-delivery_attempted = Tentative de livraison
status-delivered = Livré
status-returned = Retourné

## Le mot de passe de livraison

code-heading = Mot de passe de livraison
code-intro = Communiquez ce mot de passe au livreur à votre porte pour recevoir le colis.
code-valid-until = Valable jusqu'au { $time } ({ $zone }).
code-never-tell = Ne le communiquez jamais à une personne qui vous appelle ou vous écrit : notre personnel ne vous le demandera jamais. Seul le livreur à votre porte peut l'entendre.
code-show = Afficher mon mot de passe de livraison
code-shown-note = Pour votre sécurité, chaque affichage du mot de passe est enregistré.
code-none = Cet envoi ne nécessite pas de mot de passe de livraison.
code-locked = Le mot de passe a été bloqué après trop de tentatives erronées à la porte. Contactez-nous et nous vous en délivrerons un nouveau.
code-expired = Le mot de passe a expiré à la fin de son jour de livraison. Si le colis est encore en route, contactez-nous et nous vous en délivrerons un nouveau.
code-retired = Le colis a été livré ou retourné ; son mot de passe n'est plus nécessaire.
code-too-many = Vous avez affiché le mot de passe { $count ->
    [one] une fois
   *[other] { $count } fois
} au cours des 15 dernières minutes. Pour votre sécurité, il ne pourra être affiché de nouveau qu'à partir du { $time }.

## Destinataires de confiance

trusted-heading = Destinataires de confiance
trusted-intro = Les personnes qui peuvent recevoir un colis à votre place. Nous vous prévenons par e-mail chaque fois qu'une personne est ajoutée ou reçoit un mot de passe.
trusted-none = Vous n'avez aucun destinataire de confiance.
trusted-name = Nom
trusted-email = Adresse e-mail
trusted-add = Ajouter un destinataire de confiance
trusted-remove = Retirer { $name }
trusted-added = { $name } fait désormais partie de vos destinataires de confiance. Un avis a été envoyé à votre adresse e-mail.
trusted-removed = { $name } ne fait plus partie de vos destinataires de confiance.
trusted-invalid-name = Saisissez un nom de 1 à 100 caractères, sans balisage ni caractères de contrôle.
trusted-invalid-email = Saisissez l'adresse e-mail de la personne de confiance.
trusted-too-many = Vous pouvez avoir au maximum { $max } destinataires de confiance. Retirez-en d'abord un.

## Erreurs sur la page

error-heading = Une erreur s'est produite
error-not-found = Il n'y a rien ici, ou cela appartient à un autre compte.
error-unavailable = Le service est momentanément indisponible. Réessayez dans quelques minutes.
error-forbidden = Ce formulaire a expiré. Rechargez la page et réessayez.

## E-mail : le lien de connexion

mail-signin-subject = Votre lien de connexion
mail-signin-body = Bonjour { $name }, utilisez ce lien pour vous connecter et suivre vos colis. Il n'est valable qu'une seule fois, pendant 15 minutes :
mail-signin-ignore = Si vous ne l'avez pas demandé, ignorez cet e-mail : personne ne peut se connecter sans ce lien.

## E-mail : le mot de passe de livraison

mail-password-subject = Votre mot de passe de livraison pour l'envoi { $shipment }
mail-password-intro = Bonjour { $name }, voici le mot de passe de livraison de votre envoi { $shipment }. Communiquez-le au livreur à la porte pour recevoir le colis :
mail-password-intro-behalf = Bonjour { $name }, { $customer } nous a demandé de vous envoyer le mot de passe de livraison de l'envoi { $shipment }. Communiquez-le au livreur à la porte pour recevoir le colis :
mail-password-valid = Il est valable jusqu'au { $time } ({ $zone }).
mail-password-share = Si une personne de confiance doit recevoir le colis à votre place, vous pouvez lui transférer cet e-mail.
mail-password-warning = Ne communiquez jamais ce mot de passe à une personne qui vous appelle ou vous écrit : ni notre personnel ni le livreur ne vous le demanderont jamais, sauf le livreur à votre porte.

## E-mail : avis au titulaire du compte

mail-trusted-subject = Un destinataire de confiance a été ajouté à votre compte
mail-trusted-body = Bonjour { $name }, le { $time }, { $recipient } ({ $email }) a rejoint vos destinataires de confiance. Cette personne peut désormais recevoir les mots de passe de livraison de vos colis.
mail-trusted-unexpected = Si vous n'êtes pas à l'origine de cet ajout, connectez-vous, retirez cette personne et contactez-nous.
mail-sent-elsewhere-subject = Le mot de passe de livraison de l'envoi { $shipment } a été envoyé à { $recipient }
mail-sent-elsewhere-body = Bonjour { $name }, le { $time }, le mot de passe de livraison de l'envoi { $shipment } a été envoyé par { $channel } à { $recipient } ({ $destination }), qui fait partie de vos destinataires de confiance.
mail-sent-elsewhere-unexpected = Si vous ne l'avez pas demandé, contactez-nous : nous vous délivrerons un nouveau mot de passe.
channel-email = e-mail

## E-mail : le récapitulatif de clôture

mail-summary-subject = Votre demande { $ticket } est clôturée : { $subject }
mail-summary-greeting = Bonjour { $name },
mail-summary-intro = Nous avons clôturé votre demande { $ticket }. En voici un récapitulatif, avec l'intégralité de nos échanges.
mail-summary-request = Votre demande
mail-summary-topic = Sujet
mail-summary-order = Commande
mail-summary-subject-label = Objet
mail-summary-no-order = aucune
mail-summary-resolution = Ce que nous avons fait
mail-summary-conversation = Nos échanges
mail-summary-you = Vous
mail-summary-closing = Si quelque chose ne va toujours pas, répondez à cet e-mail ou contactez-nous de nouveau en indiquant { $ticket }.
mail-signature = Votre service client

## Les huit catégories d'aide

category-orders = Commandes
category-returns_refunds = Retours et remboursements
category-digital_devices = Services numériques et appareils
category-prime = Abonnement Prime
category-payment_options = Moyens de paiement
category-account_management = Gestion du compte
category-suspicious_activity = Activité suspecte
category-gift_cards = Cartes cadeaux et recharges

## Demander de l'aide

help-nav = Demander de l'aide
help-heading = Demander de l'aide
help-intro = Dites-nous de quoi il s'agit et comment vous souhaitez que nous vous répondions. C'est une personne qui vous répond, pas un robot.
help-topic = De quoi s'agit-il ?
help-order = Quelle commande ?
help-order-none = Aucune de mes commandes
help-note = Votre message
help-contact = Comment souhaitez-vous que nous vous répondions ?
help-contact-email = Par e-mail
help-contact-callback = Me rappeler
help-phone = Numéro à appeler
help-when = Quand
help-when-asap = Dès que possible (en quelques minutes)
help-when-at = À l'heure suivante ({ $zone }) :
help-send = Envoyer ma demande
help-no-phone = Votre compte ne comporte aucun numéro de téléphone auquel nous pouvons vous appeler. Choisissez l'e-mail.
help-invalid-topic = Choisissez l'objet de votre demande.
help-invalid-note = Rédigez votre message : de 1 à 4000 caractères, sans caractères de contrôle.
help-invalid-time = Choisissez une heure dans les 30 prochains jours, et non dans le passé.
help-invalid-phone = Choisissez l'un de vos numéros de téléphone.

## Mes demandes

requests-nav = Mes demandes
requests-heading = Mes demandes
requests-none = Vous n'avez pas encore demandé d'aide.
request-heading = Demande { $ticket }
request-opened = Ouverte le { $date }
request-status-new = En attente de prise en charge
request-status-open = En cours de traitement
request-status-pending = En attente de votre réponse
request-status-closed = Clôturée
request-channel-email = Réponse par e-mail
request-channel-phone_callback = Nous vous rappelons
request-channel-live_chat = Chat en direct
request-channel-social = Réseaux sociaux
request-callback = Rappel au { $phone } : { $time }
request-callback-scheduled = prévu
request-callback-completed = effectué
request-callback-failed = nous n'avons pas pu vous joindre
request-callback-cancelled = annulé
request-you = Vous
request-answer = Votre réponse
request-send = Envoyer
request-sent = Votre demande a été envoyée. Nous vous répondrons de la manière que vous avez choisie.
request-answered = Votre réponse a été ajoutée.
request-closed = Cette demande est clôturée. Si vous avez encore besoin d'aide, faites une nouvelle demande.
request-open-link = Ouvrir la demande { $ticket }

## E-mail : la réponse d'un conseiller

mail-reply-subject = Re : votre demande { $ticket } : { $subject }
mail-reply-intro = Bonjour { $name }, { $agent } a répondu à votre demande { $ticket } :
mail-reply-how = Pour répondre, rendez-vous sur votre page, rubrique « Mes demandes » :

## Les options de chaque catégorie (l'objet de la demande)

topic-orders-where_is_my_parcel = Où est mon colis ?
topic-orders-delivery_password = Mon mot de passe de livraison
topic-orders-change_delivery = Modifier la livraison
topic-returns_refunds-start_return = Retourner un article
topic-returns_refunds-refund_status = Où en est mon remboursement ?
topic-returns_refunds-damaged_item = Un article est arrivé endommagé
topic-digital_devices-device_setup = Configurer un appareil
topic-digital_devices-digital_purchase = Un achat numérique
topic-digital_devices-subscription = Un abonnement
topic-prime-prime_benefits = Avantages Prime
topic-prime-prime_billing = Facturation Prime
topic-prime-prime_cancel = Résilier Prime
topic-payment_options-payment_declined = Un paiement a été refusé
topic-payment_options-change_payment = Changer de moyen de paiement
topic-payment_options-invoice = Une facture
topic-account_management-signin_problem = Je n'arrive pas à me connecter
topic-account_management-update_details = Mettre à jour mes informations
topic-account_management-close_account = Fermer mon compte
topic-suspicious_activity-unknown_order = Une commande que je n'ai pas passée
topic-suspicious_activity-phishing_message = Un message ou un appel suspect
topic-suspicious_activity-unrecognised_charge = Un débit que je ne reconnais pas
topic-gift_cards-redeem_card = Utiliser une carte cadeau
topic-gift_cards-card_balance = Le solde de ma carte cadeau
topic-gift_cards-card_not_received = Une carte cadeau jamais reçue

## Chat en direct

help-contact-chat = Discuter dès maintenant avec une personne
chat-heading = Chat en direct
chat-waiting = Nous recherchons une personne pour discuter avec vous. Restez sur cette page.
chat-offer = Personne n'a encore pris en charge votre chat. Nous pouvons plutôt vous rappeler ou vous répondre par e-mail.
chat-switch-email = Me répondre plutôt par e-mail
chat-switch-callback = Me rappeler plutôt
chat-switched = Votre demande se poursuit désormais de la manière que vous avez choisie.
chat-send = Envoyer
chat-no-script = Sans JavaScript, rechargez la page pour voir les nouveaux messages.
chat-typing = { $name } est en train d’écrire…
