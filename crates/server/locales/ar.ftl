# كل ما يقرؤه العميل، باللغة العربية: صفحة العميل وكل رسالة بريد إلكتروني.
# ملف واحد لكل لغة (crates/server/locales/<tag>.ftl)؛ يفشل اختبار إذا افتقدت لغةٌ رسالةً موجودة في لغة أخرى.
# يملأ الخادم المتغيرات، ولا تحتوي أبدًا على أي ترميز.

## اللغة نفسها

language-name = العربية

## كيف تكتب هذه اللغة التواريخ والأرقام: أنماط strftime في مكتبة chrono (أسماء الأشهر والأيام
## مأخوذة من الإعدادات المحلية للغة) وفاصل الكسور العشرية.

format-date = %A %-d %B %Y
format-datetime = الساعة %H:%M يوم %A %-d %B %Y
format-decimal-separator = .

## إطار الصفحة

page-title = تتبّع طردي
page-skip = الانتقال إلى المحتوى
page-signed-in-as = تم تسجيل الدخول باسم { $name }
page-sign-out = تسجيل الخروج
page-language = اللغة
page-change-language = تغيير
page-footer = خدمة عملاء Sportello. لا نطلب منكم أبدًا كلمة مرور التسليم عبر الهاتف أو البريد الإلكتروني أو الدردشة.

## تسجيل الدخول

signin-heading = تسجيل الدخول
signin-intro = يُرجى إدخال عنوان البريد الإلكتروني لحسابكم. سنرسل إليكم رابطًا لتسجيل الدخول، وهو صالح لمرة واحدة فقط خلال 15 دقيقة.
signin-email = عنوان البريد الإلكتروني
signin-send = أرسلوا إليّ رابط تسجيل الدخول
signin-sent-heading = يُرجى التحقق من بريدكم الإلكتروني
signin-sent = إذا كان هناك حساب يستخدم هذا العنوان، فقد أُرسل إليه رابط لتسجيل الدخول. الرابط صالح لمرة واحدة فقط خلال 15 دقيقة.
signin-invalid-email = هذا ليس عنوان بريد إلكتروني صالحًا. يُرجى التحقق منه والمحاولة مرة أخرى.
signin-too-many = طُلب عدد كبير جدًا من روابط تسجيل الدخول. يُرجى المحاولة مرة أخرى بعد { $time }.
signin-link-invalid-heading = لا يمكن تسجيل الدخول بهذا الرابط
signin-link-invalid = الرابط مستخدم من قبل أو منتهي الصلاحية أو غير مكتمل. يُرجى طلب رابط جديد أدناه.
signin-again = تسجيل الدخول مرة أخرى

## طلباتي

orders-heading = طلباتي
orders-none = لا توجد لديكم طلبات حتى الآن.
order-heading = الطلب { $order }
order-placed = تاريخ الطلب: { $date }
order-total = الإجمالي: { $amount }
order-items = المنتجات
order-item-quantity = { $quantity ->
    [zero] لا توجد منتجات
    [one] منتج واحد
    [two] منتجان
    [few] { $quantity } منتجات
    [many] { $quantity } منتجًا
   *[other] { $quantity } منتج
}
order-open = تتبّع هذا الطلب
order-shipments = { $count ->
    [zero] لم يُشحن بعد
    [one] شحنة واحدة
    [two] شحنتان
    [few] { $count } شحنات
    [many] { $count } شحنة
   *[other] { $count } شحنة
}
order-back = العودة إلى طلباتي

## تتبّع طردي

shipment-heading = الشحنة { $shipment }
shipment-carrier = { $carrier }، رقم التتبّع { $tracking }
shipment-delivery-date = موعد التسليم المتوقّع: { $date }
shipment-timeline = مراحل الشحنة
status-label_created = تم إنشاء ملصق الشحن
status-shipped = تم الشحن
status-in_transit = قيد النقل
status-out_for_delivery = خرجت للتسليم
status-delivery_attempted = تمت محاولة التسليم
status-delivered = تم التسليم
status-returned = أُعيدت إلى المرسل

## كلمة مرور التسليم

code-heading = كلمة مرور التسليم
code-intro = يُرجى إخبار المندوب عند بابكم بكلمة المرور هذه لاستلام الطرد.
code-valid-until = صالحة حتى { $time } ({ $zone }).
code-never-tell = لا تُخبروا بها أبدًا أي شخص يتصل بكم أو يراسلكم: لن يطلبها منكم موظفونا أبدًا. لا يجوز أن يسمعها إلا المندوب عند بابكم.
code-show = عرض كلمة مرور التسليم
code-shown-note = حفاظًا على أمانكم، يُسجَّل كل عرض لكلمة المرور.
code-none = لا تحتاج هذه الشحنة إلى كلمة مرور للتسليم.
code-locked = قُفلت كلمة المرور بعد محاولات خاطئة كثيرة عند الباب. يُرجى التواصل معنا وسنُصدر لكم كلمة مرور جديدة.
code-expired = انتهت صلاحية كلمة المرور بانتهاء يوم التسليم المحدد لها. إذا كان الطرد لا يزال في الطريق، يُرجى التواصل معنا وسنُصدر لكم كلمة مرور جديدة.
code-retired = تم تسليم الطرد أو إرجاعه، ولم تعد هناك حاجة إلى كلمة المرور الخاصة به.
code-too-many = لقد عرضتم كلمة المرور { $count ->
    [zero] { $count } مرة
    [one] مرة واحدة
    [two] مرتين
    [few] { $count } مرات
    [many] { $count } مرة
   *[other] { $count } مرة
} خلال آخر 15 دقيقة. حفاظًا على أمانكم، يمكن عرضها مرة أخرى بعد { $time }.

## المستلمون الموثوقون

trusted-heading = المستلمون الموثوقون
trusted-intro = أشخاص يمكنهم استلام الطرود نيابةً عنكم. نُعلمكم عبر البريد الإلكتروني كلما أُضيف أحدهم أو تلقّى كلمة مرور.
trusted-none = لا يوجد لديكم مستلمون موثوقون.
trusted-name = الاسم
trusted-email = عنوان البريد الإلكتروني
trusted-add = إضافة مستلم موثوق
trusted-remove = إزالة { $name }
trusted-added = تمت إضافة { $name }. أرسلنا إشعارًا إلى عنوان بريدكم الإلكتروني.
trusted-removed = تمت إزالة { $name }.
trusted-invalid-name = يُرجى إدخال اسم يتكوّن من 1 إلى 100 حرف، دون أي ترميز أو أحرف تحكّم.
trusted-invalid-email = يُرجى إدخال عنوان البريد الإلكتروني للشخص الذي تثقون به.
trusted-too-many = الحد الأقصى لعدد المستلمين الموثوقين هو { $max }. يُرجى إزالة أحدهم أولًا.

## الأخطاء في الصفحة

error-heading = حدث خطأ ما
error-not-found = لا يوجد شيء هنا، أو أنه يخص حسابًا آخر.
error-unavailable = الخدمة غير متاحة حاليًا. يُرجى المحاولة مرة أخرى بعد بضع دقائق.
error-forbidden = انتهت صلاحية هذا النموذج. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.

## البريد الإلكتروني: رابط تسجيل الدخول

mail-signin-subject = رابط تسجيل الدخول الخاص بكم
mail-signin-body = مرحبًا { $name }، يُرجى استخدام هذا الرابط لتسجيل الدخول وتتبّع طرودكم. وهو صالح لمرة واحدة فقط خلال 15 دقيقة:
mail-signin-ignore = إذا لم تطلبوا هذا الرابط، فيُرجى تجاهل هذه الرسالة: لا يمكن لأحد تسجيل الدخول من دون الرابط.

## البريد الإلكتروني: كلمة مرور التسليم

mail-password-subject = كلمة مرور التسليم الخاصة بشحنتكم { $shipment }
mail-password-intro = مرحبًا { $name }، إليكم كلمة مرور التسليم الخاصة بشحنتكم { $shipment }. يُرجى إخبار المندوب بها عند الباب لاستلام الطرد:
mail-password-intro-behalf = مرحبًا { $name }، بناءً على طلب { $customer }، نرسل إليكم كلمة مرور التسليم الخاصة بالشحنة { $shipment }. يُرجى إخبار المندوب بها عند الباب لاستلام الطرد:
mail-password-valid = وهي صالحة حتى { $time } ({ $zone }).
mail-password-share = إذا كان شخص تثقون به سيستلم الطرد نيابةً عنكم، فيمكنكم إعادة توجيه هذه الرسالة إليه.
mail-password-warning = لا تُخبروا أبدًا بكلمة المرور هذه أي شخص يتصل بكم أو يراسلكم: لن يطلبها منكم موظفونا ولا المندوب أبدًا، باستثناء المندوب عند بابكم.

## البريد الإلكتروني: إشعارات صاحب الحساب

mail-trusted-subject = تمت إضافة مستلم موثوق إلى حسابكم
mail-trusted-body = مرحبًا { $name }، تمت إضافة { $recipient } ({ $email }) إلى المستلمين الموثوقين لديكم في { $time }. ويمكن لهذا الشخص الآن تلقّي كلمات مرور التسليم الخاصة بطرودكم.
mail-trusted-unexpected = إذا لم تقوموا بذلك، يُرجى تسجيل الدخول وإزالة هذا الشخص، ثم التواصل معنا.
mail-sent-elsewhere-subject = أُرسلت كلمة مرور التسليم الخاصة بالشحنة { $shipment } إلى { $recipient }
mail-sent-elsewhere-body = مرحبًا { $name }، في { $time } أُرسلت كلمة مرور التسليم الخاصة بالشحنة { $shipment } عبر { $channel } إلى المستلم الموثوق لديكم: { $recipient } ({ $destination }).
mail-sent-elsewhere-unexpected = إذا لم تطلبوا ذلك، يُرجى التواصل معنا: سنُصدر لكم كلمة مرور جديدة.
channel-email = البريد الإلكتروني

## البريد الإلكتروني: ملخص الإغلاق

mail-summary-subject = تم إغلاق طلب الدعم { $ticket }: { $subject }
mail-summary-greeting = مرحبًا { $name }،
mail-summary-intro = لقد أغلقنا طلب الدعم الخاص بكم { $ticket }. إليكم ملخصًا له، مع محادثتنا كاملة.
mail-summary-request = طلب الدعم الخاص بكم
mail-summary-topic = الفئة
mail-summary-order = الطلب
mail-summary-subject-label = الموضوع
mail-summary-no-order = لا يوجد
mail-summary-resolution = ما قمنا به
mail-summary-conversation = محادثتنا
mail-summary-you = أنتم
mail-summary-closing = إذا كان لا يزال هناك ما يحتاج إلى حل، يُرجى الرد على هذه الرسالة أو التواصل معنا مجددًا مع ذكر الرقم { $ticket }.
mail-signature = فريق خدمة العملاء

## فئات المساعدة الثماني

category-orders = الطلبات
category-returns_refunds = الإرجاع واسترداد الأموال
category-digital_devices = الخدمات الرقمية والأجهزة
category-prime = عضوية Prime
category-payment_options = خيارات الدفع
category-account_management = إدارة الحساب
category-suspicious_activity = نشاط مريب
category-gift_cards = بطاقات الهدايا وشحن الرصيد

## طلب المساعدة

help-nav = طلب المساعدة
help-heading = طلب المساعدة
help-intro = أخبرونا بموضوع طلبكم وبالطريقة التي تفضّلون أن نردّ بها عليكم. سيردّ عليكم شخص حقيقي، لا روبوت محادثة.
help-topic = ما موضوع طلبكم؟
help-order = ما الطلب المعنيّ؟
help-order-none = لا يتعلق بأيٍّ من طلباتي
help-note = رسالتكم
help-contact = كيف تفضّلون أن نردّ عليكم؟
help-contact-email = عبر البريد الإلكتروني
help-contact-callback = أعيدوا الاتصال بي
help-phone = رقم الهاتف الذي نتصل به
help-when = متى
help-when-asap = في أقرب وقت ممكن (خلال دقائق)
help-when-at = في هذا الوقت ({ $zone }):
help-send = إرسال طلب الدعم
help-no-phone = لا يوجد في حسابكم رقم هاتف يمكننا الاتصال به. يُرجى اختيار البريد الإلكتروني.
help-invalid-topic = يُرجى اختيار موضوع طلب الدعم.
help-invalid-note = يُرجى كتابة رسالتكم: من 1 إلى 4000 حرف، دون أحرف تحكّم.
help-invalid-time = يُرجى اختيار وقت خلال الأيام الثلاثين القادمة، وليس في الماضي.
help-invalid-phone = يُرجى اختيار أحد أرقام هواتفكم.

## طلبات الدعم الخاصة بي

requests-nav = طلبات الدعم الخاصة بي
requests-heading = طلبات الدعم الخاصة بي
requests-none = لم تطلبوا المساعدة بعد.
request-heading = طلب الدعم { $ticket }
request-opened = تاريخ الفتح: { $date }
request-status-new = في انتظار أحد الموظفين
request-status-open = قيد المعالجة
request-status-pending = في انتظار ردّكم
request-status-closed = مغلق
request-channel-email = نردّ عبر البريد الإلكتروني
request-channel-phone_callback = نعاود الاتصال بكم
request-channel-live_chat = دردشة مباشرة
request-channel-social = وسائل التواصل الاجتماعي
request-callback = معاودة الاتصال على الرقم { $phone }: { $time }
request-callback-scheduled = مُجدولة
request-callback-completed = تمّت
request-callback-failed = لم نتمكّن من الوصول إليكم
request-callback-cancelled = أُلغيت
request-you = أنتم
request-answer = ردّكم
request-send = إرسال
request-sent = أُرسل طلب الدعم الخاص بكم. سنردّ عليكم بالطريقة التي طلبتموها.
request-answered = تمت إضافة ردّكم.
request-closed = طلب الدعم هذا مغلق. إذا كنتم لا تزالون بحاجة إلى المساعدة، يُرجى طلبها مرة أخرى.
request-open-link = فتح طلب الدعم { $ticket }

## البريد الإلكتروني: ردّ أحد الموظفين

mail-reply-subject = رد: طلب الدعم الخاص بكم { $ticket }: { $subject }
mail-reply-intro = مرحبًا { $name }، وصلكم ردّ من { $agent } على طلب الدعم الخاص بكم { $ticket }:
mail-reply-how = للرد، يُرجى استخدام صفحتكم في قسم «طلبات الدعم الخاصة بي»:

## خيارات كل فئة (موضوع طلب الدعم)

topic-orders-where_is_my_parcel = أين طردي؟
topic-orders-delivery_password = كلمة مرور التسليم الخاصة بي
topic-orders-change_delivery = تغيير التسليم
topic-returns_refunds-start_return = إرجاع منتج
topic-returns_refunds-refund_status = أين المبلغ المسترد؟
topic-returns_refunds-damaged_item = وصل منتج تالفًا
topic-digital_devices-device_setup = إعداد جهاز
topic-digital_devices-digital_purchase = عملية شراء رقمية
topic-digital_devices-subscription = اشتراك
topic-prime-prime_benefits = مزايا Prime
topic-prime-prime_billing = فواتير Prime
topic-prime-prime_cancel = إلغاء Prime
topic-payment_options-payment_declined = رُفضت عملية دفع
topic-payment_options-change_payment = تغيير طريقة الدفع
topic-payment_options-invoice = فاتورة
topic-account_management-signin_problem = لا أستطيع تسجيل الدخول
topic-account_management-update_details = تحديث بياناتي
topic-account_management-close_account = إغلاق حسابي
topic-suspicious_activity-unknown_order = طلب لم أقدّمه
topic-suspicious_activity-phishing_message = رسالة أو مكالمة مريبة
topic-suspicious_activity-unrecognised_charge = مبلغ مخصوم لا أعرفه
topic-gift_cards-redeem_card = استخدام بطاقة هدايا
topic-gift_cards-card_balance = رصيد بطاقة الهدايا الخاصة بي
topic-gift_cards-card_not_received = بطاقة هدايا لم تصل

## الدردشة المباشرة

help-contact-chat = الدردشة مع شخص حقيقي الآن
chat-heading = دردشة مباشرة
chat-waiting = نبحث عن شخص ليتحدّث معكم عبر الدردشة. يُرجى البقاء في هذه الصفحة.
chat-offer = لم يردّ أحد على دردشتكم بعد. يمكننا بدلًا من ذلك معاودة الاتصال بكم أو الردّ عليكم عبر البريد الإلكتروني.
chat-switch-email = ردّوا عليّ عبر البريد الإلكتروني بدلًا من ذلك
chat-switch-callback = أعيدوا الاتصال بي بدلًا من ذلك
chat-switched = يستمر طلب الدعم الخاص بكم الآن بالطريقة التي اخترتموها.
chat-send = إرسال
chat-no-script = من دون JavaScript، يُرجى إعادة تحميل الصفحة لرؤية الرسائل الجديدة.
chat-typing = { $name } يكتب…
