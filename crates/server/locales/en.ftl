# Everything a customer reads, in English: the customer page and every mail.
# One file per language (crates/server/locales/<tag>.ftl); a test fails when a language
# lacks a message another has. Variables are filled in by the server and never contain markup.

## The language itself

language-name = English

## How this language writes dates and numbers: chrono strftime patterns (month and day names
## come from the language's locale) and the decimal separator.

format-date = %A %-d %B %Y
format-datetime = %H:%M on %A %-d %B %Y
format-decimal-separator = .

## The page's frame

page-title = Track my parcel
page-skip = Skip to the content
page-signed-in-as = Signed in as { $name }
page-sign-out = Sign out
page-language = Language
page-change-language = Change
page-footer = Sportello customer service. We never ask for your delivery password by phone, e-mail or chat.

## Signing in

signin-heading = Sign in
signin-intro = Enter the e-mail address of your account. We will send you a link that signs you in; it works once, within 15 minutes.
signin-email = E-mail address
signin-send = Send me a sign-in link
signin-sent-heading = Check your e-mail
signin-sent = If an account uses this address, a sign-in link is on its way to it. The link works once, within 15 minutes.
signin-invalid-email = This is not an e-mail address. Check it and try again.
signin-too-many = Too many sign-in links were asked for. Try again after { $time }.
signin-link-invalid-heading = This link cannot sign you in
signin-link-invalid = The link was already used, has expired or is incomplete. Ask for a new one below.
signin-again = Sign in again

## My orders

orders-heading = My orders
orders-none = You have no orders yet.
order-heading = Order { $order }
order-placed = Placed on { $date }
order-total = Total: { $amount }
order-items = Items
order-item-quantity = { $quantity ->
    [one] { $quantity } item
   *[other] { $quantity } items
}
order-open = Track this order
order-shipments = { $count ->
    [0] Not shipped yet
    [one] One shipment
   *[other] { $count } shipments
}
order-back = Back to my orders

## Track my parcel

shipment-heading = Shipment { $shipment }
shipment-carrier = { $carrier }, tracking number { $tracking }
shipment-delivery-date = Delivery expected on { $date }
shipment-timeline = Tracking
status-label_created = Label created
status-shipped = Shipped
status-in_transit = In transit
status-out_for_delivery = Out for delivery
status-delivery_attempted = Delivery attempted
status-delivered = Delivered
status-returned = Returned

## The delivery password

code-heading = Delivery password
code-intro = Tell this password to the courier at your door to receive the parcel.
code-valid-until = Valid until { $time } ({ $zone }).
code-never-tell = Never tell it to anyone who calls or writes to you: our staff will never ask for it. Only the courier at your door may hear it.
code-show = Show my delivery password
code-shown-note = Each time the password is shown, it is recorded for your security.
code-none = This shipment needs no delivery password.
code-locked = The password was locked after too many wrong tries at the door. Contact us and we will issue a new one.
code-expired = The password has expired at the end of its delivery day. If the parcel is still on its way, contact us and we will issue a new one.
code-retired = The parcel was delivered or returned; its password is no longer needed.
code-too-many = You have shown the password { $count ->
    [one] once
   *[other] { $count } times
} in the last 15 minutes. For your security it can be shown again after { $time }.

## Trusted recipients

trusted-heading = Trusted recipients
trusted-intro = People who may receive a parcel for you. We tell you by e-mail whenever one is added or receives a password.
trusted-none = You have no trusted recipients.
trusted-name = Name
trusted-email = E-mail address
trusted-add = Add trusted recipient
trusted-remove = Remove { $name }
trusted-added = { $name } was added. We sent a notice to your e-mail address.
trusted-removed = { $name } was removed.
trusted-invalid-name = Enter a name of 1 to 100 characters, without markup or control characters.
trusted-invalid-email = Enter the e-mail address of the person you trust.
trusted-too-many = You may have at most { $max } trusted recipients. Remove one first.

## Errors on the page

error-heading = Something went wrong
error-not-found = There is nothing here, or it belongs to another account.
error-unavailable = The service is unavailable right now. Try again in a few minutes.
error-forbidden = This form has expired. Reload the page and try again.

## Mail: the sign-in link

mail-signin-subject = Your sign-in link
mail-signin-body = Hello { $name }, use this link to sign in to track your parcels. It works once, within 15 minutes:
mail-signin-ignore = If you did not ask for it, ignore this e-mail: nobody can sign in without the link.

## Mail: the delivery password

mail-password-subject = Your delivery password for shipment { $shipment }
mail-password-intro = Hello { $name }, here is the delivery password for your shipment { $shipment }. Tell it to the courier at the door to receive the parcel:
mail-password-intro-behalf = Hello { $name }, { $customer } asked us to send you the delivery password for shipment { $shipment }. Tell it to the courier at the door to receive the parcel:
mail-password-valid = It is valid until { $time } ({ $zone }).
mail-password-share = If someone you trust will receive the parcel for you, you may forward this e-mail to them.
mail-password-warning = Never tell this password to anyone who calls or writes to you: our staff and the courier will never ask for it, except the courier at your door.

## Mail: notices to the account holder

mail-trusted-subject = A trusted recipient was added to your account
mail-trusted-body = Hello { $name }, { $recipient } ({ $email }) was added to your trusted recipients at { $time }. They may now receive delivery passwords for your parcels.
mail-trusted-unexpected = If you did not do this, sign in and remove them, and contact us.
mail-sent-elsewhere-subject = The delivery password for shipment { $shipment } was sent to { $recipient }
mail-sent-elsewhere-body = Hello { $name }, at { $time } the delivery password for shipment { $shipment } was sent by { $channel } to { $recipient } ({ $destination }), your trusted recipient.
mail-sent-elsewhere-unexpected = If you did not ask for this, contact us: we will issue a new password.
channel-email = e-mail

## Mail: the closing summary

mail-summary-subject = Your request { $ticket } is closed: { $subject }
mail-summary-greeting = Hello { $name },
mail-summary-intro = we have closed your request { $ticket }. Here is a summary of it, with our whole conversation.
mail-summary-request = Your request
mail-summary-topic = Topic
mail-summary-order = Order
mail-summary-subject-label = Subject
mail-summary-no-order = none
mail-summary-resolution = What we did
mail-summary-conversation = Our conversation
mail-summary-you = You
mail-summary-closing = If something is still not right, reply to this e-mail or contact us again and quote { $ticket }.
mail-signature = Your customer service

## The eight categories of help

category-orders = Orders
category-returns_refunds = Returns and refunds
category-digital_devices = Digital services and devices
category-prime = Prime membership
category-payment_options = Payment options
category-account_management = Account management
category-suspicious_activity = Suspicious activity
category-gift_cards = Gift cards and top-ups

## Asking for help

help-nav = Ask for help
help-heading = Ask for help
help-intro = Tell us what it is about and how you want us to answer. A person answers, not a bot.
help-topic = What is it about?
help-order = Which order?
help-order-none = None of my orders
help-note = Your message
help-contact = How should we answer?
help-contact-email = By e-mail
help-contact-callback = Call me back
help-phone = Number to call
help-when = When
help-when-asap = As soon as possible (within minutes)
help-when-at = At this time ({ $zone }):
help-send = Send my request
help-no-phone = There is no phone number on your account that we can call. Choose e-mail.
help-invalid-topic = Choose what your request is about.
help-invalid-note = Write your message: 1 to 4000 characters, without control characters.
help-invalid-time = Choose a time in the next 30 days, not in the past.
help-invalid-phone = Choose one of your phone numbers.

## My requests

requests-nav = My requests
requests-heading = My requests
requests-none = You have not asked for help yet.
request-heading = Request { $ticket }
request-opened = Opened on { $date }
request-status-new = Waiting for an agent
request-status-open = Being worked on
request-status-pending = Waiting for your answer
request-status-closed = Closed
request-channel-email = We answer by e-mail
request-channel-phone_callback = We call you back
request-channel-live_chat = Live chat
request-channel-social = Social media
request-callback = Callback to { $phone }: { $time }
request-callback-scheduled = scheduled
request-callback-completed = done
request-callback-failed = we could not reach you
request-callback-cancelled = cancelled
request-you = You
request-answer = Your answer
request-send = Send
request-sent = Your request was sent. We will answer as you asked.
request-answered = Your answer was added.
request-closed = This request is closed. If you still need help, ask again.
request-open-link = Open request { $ticket }

## Mail: an agent's reply

mail-reply-subject = Re: your request { $ticket }: { $subject }
mail-reply-intro = Hello { $name }, { $agent } answered your request { $ticket }:
mail-reply-how = To answer, reply on your page under "My requests":

## The options of each category (what the request is about)

topic-orders-where_is_my_parcel = Where is my parcel?
topic-orders-delivery_password = My delivery password
topic-orders-change_delivery = Change the delivery
topic-returns_refunds-start_return = Return an item
topic-returns_refunds-refund_status = Where is my refund?
topic-returns_refunds-damaged_item = An item arrived damaged
topic-digital_devices-device_setup = Setting up a device
topic-digital_devices-digital_purchase = A digital purchase
topic-digital_devices-subscription = A subscription
topic-prime-prime_benefits = Prime benefits
topic-prime-prime_billing = Prime billing
topic-prime-prime_cancel = Cancel Prime
topic-payment_options-payment_declined = A payment was declined
topic-payment_options-change_payment = Change how I pay
topic-payment_options-invoice = An invoice
topic-account_management-signin_problem = I cannot sign in
topic-account_management-update_details = Update my details
topic-account_management-close_account = Close my account
topic-suspicious_activity-unknown_order = An order I did not place
topic-suspicious_activity-phishing_message = A suspicious message or call
topic-suspicious_activity-unrecognised_charge = A charge I do not recognise
topic-gift_cards-redeem_card = Redeem a gift card
topic-gift_cards-card_balance = My gift card balance
topic-gift_cards-card_not_received = A gift card that did not arrive

## Live chat

help-contact-chat = Chat with a person now
chat-heading = Live chat
chat-waiting = We are finding a person to chat with you. Stay on this page.
chat-offer = No one has picked up your chat yet. We can call you back or answer by e-mail instead.
chat-switch-email = Answer me by e-mail instead
chat-switch-callback = Call me back instead
chat-switched = Your request now continues as you chose.
chat-send = Send
chat-no-script = Without JavaScript, reload the page to see new messages.
chat-typing = { $name } is typing…
