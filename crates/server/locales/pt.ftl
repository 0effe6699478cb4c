# Tudo o que o cliente lê, em português: a página do cliente e todos os e-mails.
# Um ficheiro por idioma (crates/server/locales/<tag>.ftl); um teste falha quando falta a um idioma
# uma mensagem que outro tem. As variáveis são preenchidas pelo servidor e nunca contêm marcação.

## O próprio idioma

language-name = Português

## Como este idioma escreve datas e números: padrões strftime do chrono (os nomes dos meses e dos dias
## vêm da localização do idioma) e o separador decimal.

format-date = %A, %-d de %B de %Y
format-datetime = %H:%M de %A, %-d de %B de %Y
format-decimal-separator = ,

## A moldura da página

page-title = Seguir a minha encomenda
page-skip = Saltar para o conteúdo
page-signed-in-as = Sessão iniciada como { $name }
page-sign-out = Terminar sessão
page-language = Idioma
page-change-language = Alterar
page-footer = Apoio ao cliente Sportello. Nunca lhe pedimos a palavra-passe de entrega por telefone, e-mail ou chat.

## Iniciar sessão

signin-heading = Iniciar sessão
signin-intro = Introduza o endereço de e-mail da sua conta. Enviar-lhe-emos uma ligação para iniciar sessão; funciona uma única vez, no prazo de 15 minutos.
signin-email = Endereço de e-mail
signin-send = Enviar-me uma ligação de acesso
signin-sent-heading = Consulte o seu e-mail
signin-sent = Se existir uma conta com este endereço, foi-lhe enviada uma ligação de acesso. A ligação funciona uma única vez, no prazo de 15 minutos.
signin-invalid-email = Este não é um endereço de e-mail válido. Verifique-o e tente novamente.
signin-too-many = Foram pedidas demasiadas ligações de acesso. Tente novamente depois das { $time }.
signin-link-invalid-heading = Esta ligação não permite iniciar sessão
signin-link-invalid = A ligação já foi utilizada, expirou ou está incompleta. Peça uma nova abaixo.
signin-again = Iniciar sessão novamente

## As minhas encomendas

orders-heading = As minhas encomendas
orders-none = Ainda não tem encomendas.
order-heading = Encomenda { $order }
order-placed = Data da encomenda: { $date }
order-total = Total: { $amount }
order-items = Artigos
order-item-quantity = { $quantity ->
    [one] { $quantity } artigo
   *[other] { $quantity } artigos
}
order-open = Seguir esta encomenda
order-shipments = { $count ->
    [0] Ainda não enviada
    [one] Um envio
   *[other] { $count } envios
}
order-back = Voltar às minhas encomendas

## Seguir a minha encomenda

shipment-heading = Envio { $shipment }
shipment-carrier = { $carrier }, número de seguimento { $tracking }
shipment-delivery-date = Entrega prevista: { $date }
shipment-timeline = Seguimento
status-label_created = Etiqueta criada
status-shipped = Enviado
status-in_transit = Em trânsito
status-out_for_delivery = Em distribuição
status-delivery_attempted = Tentativa de entrega
status-delivered = Entregue
status-returned = Devolvido

## A palavra-passe de entrega

code-heading = Palavra-passe de entrega
code-intro = Diga esta palavra-passe ao estafeta à sua porta para receber a encomenda.
code-valid-until = Válida até às { $time } ({ $zone }).
code-never-tell = Nunca a diga a quem lhe telefonar ou escrever: a nossa equipa nunca lha pedirá. Só o estafeta à sua porta a pode ouvir.
code-show = Mostrar a minha palavra-passe de entrega
code-shown-note = Por motivos de segurança, cada vez que a palavra-passe é mostrada, isso fica registado.
code-none = Este envio não precisa de palavra-passe de entrega.
code-locked = A palavra-passe foi bloqueada após demasiadas tentativas erradas à porta. Contacte-nos e emitiremos uma nova.
code-expired = A palavra-passe expirou no fim do respetivo dia de entrega. Se a encomenda ainda estiver a caminho, contacte-nos e emitiremos uma nova.
code-retired = A encomenda foi entregue ou devolvida; a respetiva palavra-passe já não é necessária.
code-too-many = Mostrou a palavra-passe { $count ->
    [one] uma vez
   *[other] { $count } vezes
} nos últimos 15 minutos. Por motivos de segurança, só a poderá mostrar novamente depois das { $time }.

## Destinatários de confiança

trusted-heading = Destinatários de confiança
trusted-intro = Pessoas que podem receber uma encomenda em seu nome. Enviamos-lhe um aviso por e-mail sempre que uma delas é adicionada ou recebe uma palavra-passe.
trusted-none = Não tem destinatários de confiança.
trusted-name = Nome
trusted-email = Endereço de e-mail
trusted-add = Adicionar destinatário de confiança
trusted-remove = Remover { $name }
trusted-added = Adicionámos { $name }. Enviámos um aviso para o seu endereço de e-mail.
trusted-removed = { $name } deixou de constar dos seus destinatários de confiança.
trusted-invalid-name = Introduza um nome com 1 a 100 caracteres, sem marcação nem caracteres de controlo.
trusted-invalid-email = Introduza o endereço de e-mail da pessoa de confiança.
trusted-too-many = Pode ter, no máximo, { $max } destinatários de confiança. Remova primeiro um deles.

## Erros na página

error-heading = Ocorreu um erro
error-not-found = Não há nada aqui, ou pertence a outra conta.
error-unavailable = O serviço está indisponível de momento. Tente novamente dentro de alguns minutos.
error-forbidden = Este formulário expirou. Recarregue a página e tente novamente.

## E-mail: a ligação de acesso

mail-signin-subject = A sua ligação de acesso
mail-signin-body = Olá, { $name }. Utilize esta ligação para iniciar sessão e seguir as suas encomendas. Funciona uma única vez, no prazo de 15 minutos:
mail-signin-ignore = Se não a pediu, ignore este e-mail: ninguém pode iniciar sessão sem a ligação.

## E-mail: a palavra-passe de entrega

mail-password-subject = A sua palavra-passe de entrega do envio { $shipment }
mail-password-intro = Olá, { $name }. Eis a palavra-passe de entrega do seu envio { $shipment }. Diga-a ao estafeta à porta para receber a encomenda:
mail-password-intro-behalf = Olá, { $name }. { $customer } pediu-nos que lhe enviássemos a palavra-passe de entrega do envio { $shipment }. Diga-a ao estafeta à porta para receber a encomenda:
mail-password-valid = É válida até às { $time } ({ $zone }).
mail-password-share = Se uma pessoa de confiança for receber a encomenda em seu nome, pode reencaminhar-lhe este e-mail.
mail-password-warning = Nunca diga esta palavra-passe a quem lhe telefonar ou escrever: nem a nossa equipa nem o estafeta lha pedirão, exceto o estafeta à sua porta.

## E-mail: avisos ao titular da conta

mail-trusted-subject = Foi adicionado um destinatário de confiança à sua conta
mail-trusted-body = Olá, { $name }. Às { $time }, { $recipient } ({ $email }) passou a constar dos seus destinatários de confiança. A partir de agora, esta pessoa pode receber as palavras-passe de entrega das suas encomendas.
mail-trusted-unexpected = Se não reconhece esta alteração, inicie sessão, remova esta pessoa e contacte-nos.
mail-sent-elsewhere-subject = A palavra-passe de entrega do envio { $shipment } foi enviada a { $recipient }
mail-sent-elsewhere-body = Olá, { $name }. Às { $time }, a palavra-passe de entrega do envio { $shipment } foi enviada por { $channel } a { $recipient } ({ $destination }), que consta dos seus destinatários de confiança.
mail-sent-elsewhere-unexpected = Se não pediu este envio, contacte-nos: emitiremos uma nova palavra-passe.
channel-email = e-mail

## E-mail: o resumo de encerramento

mail-summary-subject = O seu pedido { $ticket } foi encerrado: { $subject }
mail-summary-greeting = Olá, { $name },
mail-summary-intro = Encerrámos o seu pedido { $ticket }. Segue-se um resumo do mesmo, com toda a nossa conversa.
mail-summary-request = O seu pedido
mail-summary-topic = Tema
mail-summary-order = Encomenda
mail-summary-subject-label = Assunto
mail-summary-no-order = nenhuma
mail-summary-resolution = O que fizemos
mail-summary-conversation = A nossa conversa
mail-summary-you = Cliente
mail-summary-closing = Se algo ainda não estiver bem, responda a este e-mail ou volte a contactar-nos indicando { $ticket }.
mail-signature = O seu apoio ao cliente

## As oito categorias de ajuda

category-orders = Encomendas
category-returns_refunds = Devoluções e reembolsos
category-digital_devices = Serviços digitais e dispositivos
category-prime = Subscrição Prime
category-payment_options = Opções de pagamento
category-account_management = Gestão da conta
category-suspicious_activity = Atividade suspeita
category-gift_cards = Cartões-presente e carregamentos

## Pedir ajuda

help-nav = Pedir ajuda
help-heading = Pedir ajuda
help-intro = Diga-nos de que se trata e como prefere que lhe respondamos. Quem responde é uma pessoa, não um bot.
help-topic = De que se trata?
help-order = Que encomenda?
help-order-none = Nenhuma das minhas encomendas
help-note = A sua mensagem
help-contact = Como prefere que lhe respondamos?
help-contact-email = Por e-mail
help-contact-callback = Liguem-me de volta
help-phone = Número para onde ligar
help-when = Quando
help-when-asap = Assim que possível (dentro de minutos)
help-when-at = A esta hora ({ $zone }):
help-send = Enviar o meu pedido
help-no-phone = A sua conta não tem nenhum número de telefone para o qual possamos ligar. Escolha o e-mail.
help-invalid-topic = Escolha o assunto do seu pedido.
help-invalid-note = Escreva a sua mensagem: de 1 a 4000 caracteres, sem caracteres de controlo.
help-invalid-time = Escolha uma hora nos próximos 30 dias, não no passado.
help-invalid-phone = Escolha um dos seus números de telefone.

## Os meus pedidos

requests-nav = Os meus pedidos
requests-heading = Os meus pedidos
requests-none = Ainda não pediu ajuda.
request-heading = Pedido { $ticket }
request-opened = Data de abertura: { $date }
request-status-new = A aguardar um assistente
request-status-open = Em tratamento
request-status-pending = A aguardar a sua resposta
request-status-closed = Encerrado
request-channel-email = Respondemos por e-mail
request-channel-phone_callback = Ligamos-lhe de volta
request-channel-live_chat = Chat em direto
request-channel-social = Redes sociais
request-callback = Chamada para o { $phone }: { $time }
request-callback-scheduled = agendada
request-callback-completed = efetuada
request-callback-failed = não conseguimos falar consigo
request-callback-cancelled = cancelada
request-you = Cliente
request-answer = A sua resposta
request-send = Enviar
request-sent = O seu pedido foi enviado. Responderemos como pediu.
request-answered = A sua resposta foi adicionada.
request-closed = Este pedido está encerrado. Se ainda precisar de ajuda, peça-a novamente.
request-open-link = Abrir o pedido { $ticket }

## E-mail: a resposta de um assistente

mail-reply-subject = Re: o seu pedido { $ticket }: { $subject }
mail-reply-intro = Olá, { $name }. { $agent } respondeu ao seu pedido { $ticket }:
mail-reply-how = Para responder, faça-o na sua página, em «Os meus pedidos»:

## As opções de cada categoria (o assunto do pedido)

topic-orders-where_is_my_parcel = Onde está a minha encomenda?
topic-orders-delivery_password = A minha palavra-passe de entrega
topic-orders-change_delivery = Alterar a entrega
topic-returns_refunds-start_return = Devolver um artigo
topic-returns_refunds-refund_status = Onde está o meu reembolso?
topic-returns_refunds-damaged_item = Um artigo chegou danificado
topic-digital_devices-device_setup = Configurar um dispositivo
topic-digital_devices-digital_purchase = Uma compra digital
topic-digital_devices-subscription = Uma subscrição
topic-prime-prime_benefits = Vantagens do Prime
topic-prime-prime_billing = Faturação do Prime
topic-prime-prime_cancel = Cancelar o Prime
topic-payment_options-payment_declined = Um pagamento foi recusado
topic-payment_options-change_payment = Alterar a forma de pagamento
topic-payment_options-invoice = Uma fatura
topic-account_management-signin_problem = Não consigo iniciar sessão
topic-account_management-update_details = Atualizar os meus dados
topic-account_management-close_account = Encerrar a minha conta
topic-suspicious_activity-unknown_order = Uma encomenda que não fiz
topic-suspicious_activity-phishing_message = Uma mensagem ou chamada suspeita
topic-suspicious_activity-unrecognised_charge = Um débito que não reconheço
topic-gift_cards-redeem_card = Resgatar um cartão-presente
topic-gift_cards-card_balance = O saldo do meu cartão-presente
topic-gift_cards-card_not_received = Um cartão-presente que não chegou

## Chat em direto

help-contact-chat = Falar agora por chat com uma pessoa
chat-heading = Chat em direto
chat-waiting = Estamos a procurar uma pessoa para falar consigo por chat. Mantenha-se nesta página.
chat-offer = Ainda ninguém atendeu o seu chat. Em alternativa, podemos ligar-lhe de volta ou responder-lhe por e-mail.
chat-switch-email = Prefiro que me respondam por e-mail
chat-switch-callback = Prefiro que me liguem de volta
chat-switched = O seu pedido continua agora da forma que escolheu.
chat-send = Enviar
chat-no-script = Sem JavaScript, recarregue a página para ver as novas mensagens.
chat-typing = { $name } está a escrever…
