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
signin-too-many = Se han solicitado demasiados enlaces de acceso para esta dirección. Inténtelo de nuevo a partir de las { $time }.
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
