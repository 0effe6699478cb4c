# Todo lo que lee el cliente, en español: la página del cliente y todos los correos.
# Un archivo por idioma (crates/server/locales/<tag>.ftl); una prueba falla cuando a un idioma
# le falta un mensaje que otro tiene. Las variables las rellena el servidor y nunca contienen marcado.

## El propio idioma

language-name = Español

## Cómo escribe este idioma las fechas y los números: patrones strftime de chrono (los nombres de los
## meses y de los días vienen de la configuración regional del idioma) y el separador decimal.

format-date = %A, %-d de %B de %Y
format-datetime = %H:%M del %A %-d de %B de %Y
format-decimal-separator = ,

## El marco de la página

page-title = Seguir mi paquete
page-skip = Ir al contenido
page-signed-in-as = Sesión iniciada como { $name }
page-sign-out = Cerrar sesión
page-language = Idioma
page-change-language = Cambiar
page-footer = Atención al cliente de Sportello. Nunca le pediremos su contraseña de entrega por teléfono, correo electrónico ni chat.

## Inicio de sesión

signin-heading = Iniciar sesión
signin-intro = Introduzca la dirección de correo electrónico de su cuenta. Le enviaremos un enlace para iniciar sesión; funciona una sola vez y durante 15 minutos.
signin-email = Correo electrónico
signin-send = Enviarme un enlace de acceso
signin-sent-heading = Revise su correo electrónico
signin-sent = Si hay una cuenta con esta dirección, le hemos enviado un enlace de acceso. El enlace funciona una sola vez y durante 15 minutos.
signin-invalid-email = Esta no es una dirección de correo electrónico válida. Compruébela e inténtelo de nuevo.
signin-too-many = Se han solicitado demasiados enlaces de acceso. Inténtelo de nuevo a partir de las { $time }.
signin-link-invalid-heading = Este enlace no le permite iniciar sesión
signin-link-invalid = El enlace ya se ha utilizado, ha caducado o está incompleto. Solicite uno nuevo a continuación.
signin-again = Volver a iniciar sesión

## Mis pedidos

orders-heading = Mis pedidos
orders-none = Todavía no tiene ningún pedido.
order-heading = Pedido { $order }
order-placed = Realizado el { $date }
order-total = Total: { $amount }
order-items = Artículos
order-item-quantity = { $quantity ->
    [one] { $quantity } artículo
   *[other] { $quantity } artículos
}
order-open = Seguir este pedido
order-shipments = { $count ->
    [0] Aún no enviado
    [one] Un envío
   *[other] { $count } envíos
}
order-back = Volver a mis pedidos

## Seguir mi paquete

shipment-heading = Envío { $shipment }
shipment-carrier = { $carrier }, número de seguimiento { $tracking }
shipment-delivery-date = Entrega prevista el { $date }
shipment-timeline = Seguimiento
status-label_created = Etiqueta creada
status-shipped = Enviado
status-in_transit = En tránsito
status-out_for_delivery = En reparto
status-delivery_attempted = Intento de entrega
status-delivered = Entregado
status-returned = Devuelto

## La contraseña de entrega

code-heading = Contraseña de entrega
code-intro = Diga esta contraseña al repartidor en su puerta para recibir el paquete.
code-valid-until = Válida hasta las { $time } ({ $zone }).
code-never-tell = No se la diga nunca a nadie que le llame o le escriba: nuestro personal nunca se la pedirá. Solo puede oírla el repartidor en su puerta.
code-show = Mostrar mi contraseña de entrega
code-shown-note = Por su seguridad, cada vez que se muestra la contraseña queda registrado.
code-none = Este envío no necesita contraseña de entrega.
code-locked = La contraseña se ha bloqueado tras demasiados intentos fallidos en la puerta. Póngase en contacto con nosotros y le emitiremos una nueva.
code-expired = La contraseña caducó al final de su día de entrega. Si el paquete sigue en camino, póngase en contacto con nosotros y le emitiremos una nueva.
code-retired = El paquete se ha entregado o devuelto; su contraseña ya no es necesaria.
code-too-many = Ha mostrado la contraseña { $count ->
    [one] una vez
   *[other] { $count } veces
} en los últimos 15 minutos. Por su seguridad, podrá volver a mostrarla a partir de las { $time }.

## Destinatarios de confianza

trusted-heading = Destinatarios de confianza
trusted-intro = Personas que pueden recibir un paquete en su nombre. Le avisamos por correo electrónico cada vez que se añade una o recibe una contraseña.
trusted-none = No tiene destinatarios de confianza.
trusted-name = Nombre
trusted-email = Correo electrónico
trusted-add = Añadir destinatario de confianza
trusted-remove = Eliminar a { $name }
trusted-added = Se ha añadido a { $name }. Hemos enviado un aviso a su dirección de correo electrónico.
trusted-removed = Se ha eliminado a { $name }.
trusted-invalid-name = Introduzca un nombre de 1 a 100 caracteres, sin marcado ni caracteres de control.
trusted-invalid-email = Introduzca la dirección de correo electrónico de la persona de confianza.
trusted-too-many = Puede tener como máximo { $max } destinatarios de confianza. Elimine uno primero.

## Errores en la página

error-heading = Se ha producido un error
error-not-found = Aquí no hay nada, o pertenece a otra cuenta.
error-unavailable = El servicio no está disponible en este momento. Inténtelo de nuevo dentro de unos minutos.
error-forbidden = Este formulario ha caducado. Vuelva a cargar la página e inténtelo de nuevo.

## Correo: el enlace de acceso

mail-signin-subject = Su enlace de acceso
mail-signin-body = Hola, { $name }: utilice este enlace para iniciar sesión y seguir sus paquetes. Funciona una sola vez y durante 15 minutos:
mail-signin-ignore = Si no lo ha solicitado, ignore este correo: nadie puede iniciar sesión sin el enlace.

## Correo: la contraseña de entrega

mail-password-subject = Su contraseña de entrega del envío { $shipment }
mail-password-intro = Hola, { $name }: esta es la contraseña de entrega de su envío { $shipment }. Dígasela al repartidor en la puerta para recibir el paquete:
mail-password-intro-behalf = Hola, { $name }: { $customer } nos ha pedido que le enviemos la contraseña de entrega del envío { $shipment }. Dígasela al repartidor en la puerta para recibir el paquete:
mail-password-valid = Es válida hasta las { $time } ({ $zone }).
mail-password-share = Si una persona de confianza va a recibir el paquete en su nombre, puede reenviarle este correo.
mail-password-warning = No diga nunca esta contraseña a nadie que le llame o le escriba: ni nuestro personal ni el repartidor se la pedirán nunca, salvo el repartidor en su puerta.

## Correo: avisos al titular de la cuenta

mail-trusted-subject = Se ha añadido un destinatario de confianza a su cuenta
mail-trusted-body = Hola, { $name }: a las { $time } se añadió a { $recipient } ({ $email }) a sus destinatarios de confianza. A partir de ahora, esta persona puede recibir las contraseñas de entrega de sus paquetes.
mail-trusted-unexpected = Si no ha sido usted, inicie sesión, elimine a esta persona y póngase en contacto con nosotros.
mail-sent-elsewhere-subject = La contraseña de entrega del envío { $shipment } se ha enviado a { $recipient }
mail-sent-elsewhere-body = Hola, { $name }: a las { $time } se envió la contraseña de entrega del envío { $shipment } por { $channel } a { $recipient } ({ $destination }), su destinatario de confianza.
mail-sent-elsewhere-unexpected = Si no lo ha solicitado, póngase en contacto con nosotros: le emitiremos una nueva contraseña.
channel-email = correo electrónico

## Correo: el resumen de cierre

mail-summary-subject = Su solicitud { $ticket } se ha cerrado: { $subject }
mail-summary-greeting = Hola, { $name }:
mail-summary-intro = Hemos cerrado su solicitud { $ticket }. Le enviamos un resumen, con toda nuestra conversación.
mail-summary-request = Su solicitud
mail-summary-topic = Tema
mail-summary-order = Pedido
mail-summary-subject-label = Asunto
mail-summary-no-order = ninguno
mail-summary-resolution = Qué hemos hecho
mail-summary-conversation = Nuestra conversación
mail-summary-you = Usted
mail-summary-closing = Si algo sigue sin estar bien, responda a este correo o vuelva a ponerse en contacto con nosotros indicando { $ticket }.
mail-signature = Su servicio de atención al cliente

## Las ocho categorías de ayuda

category-orders = Pedidos
category-returns_refunds = Devoluciones y reembolsos
category-digital_devices = Servicios digitales y dispositivos
category-prime = Suscripción a Prime
category-payment_options = Formas de pago
category-account_management = Gestión de la cuenta
category-suspicious_activity = Actividad sospechosa
category-gift_cards = Tarjetas regalo y recargas

## Pedir ayuda

help-nav = Pedir ayuda
help-heading = Pedir ayuda
help-intro = Díganos de qué se trata y cómo quiere que le respondamos. Le responde una persona, no un bot.
help-topic = ¿De qué se trata?
help-order = ¿Qué pedido?
help-order-none = Ninguno de mis pedidos
help-note = Su mensaje
help-contact = ¿Cómo quiere que le respondamos?
help-contact-email = Por correo electrónico
help-contact-callback = Llámenme
help-phone = Número al que llamar
help-when = Cuándo
help-when-asap = Lo antes posible (en unos minutos)
help-when-at = A esta hora ({ $zone }):
help-send = Enviar mi solicitud
help-no-phone = Su cuenta no tiene ningún número de teléfono al que podamos llamar. Elija el correo electrónico.
help-invalid-topic = Elija de qué trata su solicitud.
help-invalid-note = Escriba su mensaje: de 1 a 4000 caracteres, sin caracteres de control.
help-invalid-time = Elija una hora dentro de los próximos 30 días, no en el pasado.
help-invalid-phone = Elija uno de sus números de teléfono.

## Mis solicitudes

requests-nav = Mis solicitudes
requests-heading = Mis solicitudes
requests-none = Todavía no ha pedido ayuda.
request-heading = Solicitud { $ticket }
request-opened = Abierta el { $date }
request-status-new = Esperando a un agente
request-status-open = En curso
request-status-pending = Esperando su respuesta
request-status-closed = Cerrada
request-channel-email = Respondemos por correo electrónico
request-channel-phone_callback = Le devolvemos la llamada
request-channel-live_chat = Chat en directo
request-channel-social = Redes sociales
request-callback = Llamada al { $phone }: { $time }
request-callback-scheduled = programada
request-callback-completed = realizada
request-callback-failed = no hemos podido contactar con usted
request-callback-cancelled = cancelada
request-you = Usted
request-answer = Su respuesta
request-send = Enviar
request-sent = Su solicitud se ha enviado. Le responderemos como ha pedido.
request-answered = Se ha añadido su respuesta.
request-closed = Esta solicitud está cerrada. Si sigue necesitando ayuda, vuelva a pedirla.
request-open-link = Abrir la solicitud { $ticket }

## Correo: la respuesta de un agente

mail-reply-subject = Re: su solicitud { $ticket }: { $subject }
mail-reply-intro = Hola, { $name }: { $agent } ha respondido a su solicitud { $ticket }:
mail-reply-how = Para responder, hágalo desde su página, en «Mis solicitudes»:

## Las opciones de cada categoría (de qué trata la solicitud)

topic-orders-where_is_my_parcel = ¿Dónde está mi paquete?
topic-orders-delivery_password = Mi contraseña de entrega
topic-orders-change_delivery = Cambiar la entrega
topic-returns_refunds-start_return = Devolver un artículo
topic-returns_refunds-refund_status = ¿Dónde está mi reembolso?
topic-returns_refunds-damaged_item = Un artículo llegó dañado
topic-digital_devices-device_setup = Configurar un dispositivo
topic-digital_devices-digital_purchase = Una compra digital
topic-digital_devices-subscription = Una suscripción
topic-prime-prime_benefits = Ventajas de Prime
topic-prime-prime_billing = Facturación de Prime
topic-prime-prime_cancel = Cancelar Prime
topic-payment_options-payment_declined = Se rechazó un pago
topic-payment_options-change_payment = Cambiar la forma de pago
topic-payment_options-invoice = Una factura
topic-account_management-signin_problem = No puedo iniciar sesión
topic-account_management-update_details = Actualizar mis datos
topic-account_management-close_account = Cerrar mi cuenta
topic-suspicious_activity-unknown_order = Un pedido que no he realizado
topic-suspicious_activity-phishing_message = Un mensaje o una llamada sospechosos
topic-suspicious_activity-unrecognised_charge = Un cargo que no reconozco
topic-gift_cards-redeem_card = Canjear una tarjeta regalo
topic-gift_cards-card_balance = El saldo de mi tarjeta regalo
topic-gift_cards-card_not_received = Una tarjeta regalo que no ha llegado

## Chat en directo

help-contact-chat = Chatear ahora con una persona
chat-heading = Chat en directo
chat-waiting = Estamos buscando a una persona que chatee con usted. Permanezca en esta página.
chat-offer = Nadie ha atendido su chat todavía. Si lo prefiere, podemos llamarle o responderle por correo electrónico.
chat-switch-email = Prefiero que me respondan por correo electrónico
chat-switch-callback = Prefiero que me llamen
chat-switched = Su solicitud continúa ahora de la forma que ha elegido.
chat-send = Enviar
chat-no-script = Sin JavaScript, vuelva a cargar la página para ver los mensajes nuevos.
chat-typing = { $name } está escribiendo…
