# Müşterinin okuduğu her şey, Türkçe: müşteri sayfası ve tüm e-postalar.
# Her dil için bir dosya (crates/server/locales/<tag>.ftl); bir dilde başka bir dilde bulunan bir ileti
# eksik olduğunda bir test başarısız olur. Değişkenleri sunucu doldurur; hiçbir zaman biçimlendirme kodu içermezler.

## Dilin kendisi

language-name = Türkçe

## Bu dilin tarihleri ve sayıları yazma biçimi: chrono strftime kalıpları (ay ve gün adları dilin
## yerel ayarından gelir) ve ondalık ayırıcı.

format-date = %-d %B %Y %A
format-datetime = %-d %B %Y %A, %H:%M
format-decimal-separator = ,

## Sayfa çerçevesi

page-title = Paketimi takip et
page-skip = İçeriğe geç
page-signed-in-as = Oturum açan: { $name }
page-sign-out = Oturumu kapat
page-language = Dil
page-change-language = Değiştir
page-footer = Sportello müşteri hizmetleri. Teslimat şifrenizi telefon, e-posta veya sohbet yoluyla asla sormayız.

## Oturum açma

signin-heading = Oturum aç
signin-intro = Hesabınızın e-posta adresini girin. Size oturum açmanızı sağlayacak bir bağlantı göndereceğiz; bağlantı 15 dakika içinde yalnızca bir kez kullanılabilir.
signin-email = E-posta adresi
signin-send = Bana oturum açma bağlantısı gönder
signin-sent-heading = E-postanızı kontrol edin
signin-sent = Bu adresi kullanan bir hesap varsa, oturum açma bağlantısı bu adrese gönderildi. Bağlantı 15 dakika içinde yalnızca bir kez kullanılabilir.
signin-invalid-email = Bu geçerli bir e-posta adresi değil. Lütfen kontrol edip tekrar deneyin.
signin-too-many = Çok fazla oturum açma bağlantısı istendi. Lütfen şu tarihten sonra tekrar deneyin: { $time }.
signin-link-invalid-heading = Bu bağlantıyla oturum açılamıyor
signin-link-invalid = Bağlantı daha önce kullanılmış, süresi dolmuş veya eksik. Lütfen aşağıdan yeni bir bağlantı isteyin.
signin-again = Tekrar oturum aç

## Siparişlerim

orders-heading = Siparişlerim
orders-none = Henüz siparişiniz yok.
order-heading = Sipariş { $order }
order-placed = Sipariş tarihi: { $date }
order-total = Toplam: { $amount }
order-items = Ürünler
order-item-quantity = { $quantity ->
    [one] { $quantity } ürün
   *[other] { $quantity } ürün
}
order-open = Bu siparişi takip et
order-shipments = { $count ->
    [0] Henüz kargoya verilmedi
    [one] Bir gönderi
   *[other] { $count } gönderi
}
order-back = Siparişlerime dön

## Paketimi takip et

shipment-heading = Gönderi { $shipment }
shipment-carrier = { $carrier }, takip numarası { $tracking }
shipment-delivery-date = Tahmini teslimat tarihi: { $date }
shipment-timeline = Gönderi hareketleri
status-label_created = Kargo etiketi oluşturuldu
status-shipped = Kargoya verildi
status-in_transit = Yolda
status-out_for_delivery = Dağıtımda
status-delivery_attempted = Teslimat denendi
status-delivered = Teslim edildi
status-returned = İade edildi

## Teslimat şifresi

code-heading = Teslimat şifresi
code-intro = Paketi teslim almak için bu şifreyi kapınıza gelen kuryeye söyleyin.
code-valid-until = Son geçerlilik: { $time } ({ $zone }).
code-never-tell = Bu şifreyi sizi arayan veya size yazan hiç kimseye söylemeyin: çalışanlarımız bunu sizden asla istemez. Şifreyi yalnızca kapınıza gelen kurye duyabilir.
code-show = Teslimat şifremi göster
code-shown-note = Güvenliğiniz için şifre her gösterildiğinde bu kayda geçirilir.
code-none = Bu gönderi için teslimat şifresi gerekmez.
code-locked = Kapıda çok fazla hatalı deneme yapıldığı için şifre kilitlendi. Bizimle iletişime geçin, size yeni bir şifre verelim.
code-expired = Şifrenin süresi, teslimat gününün sonunda doldu. Paket hâlâ yoldaysa bizimle iletişime geçin, size yeni bir şifre verelim.
code-retired = Paket teslim edildi veya iade edildi; şifresine artık gerek yok.
code-too-many = Son 15 dakika içinde şifreyi { $count ->
    [one] bir kez
   *[other] { $count } kez
} görüntülediniz. Güvenliğiniz için şifre ancak şu tarihten sonra yeniden görüntülenebilir: { $time }.

## Güvenilir alıcılar

trusted-heading = Güvenilir alıcılar
trusted-intro = Paketinizi sizin yerinize teslim alabilecek kişiler. Bu kişilerden biri eklendiğinde veya bir şifre aldığında size her seferinde e-postayla haber veririz.
trusted-none = Güvenilir alıcınız yok.
trusted-name = Ad
trusted-email = E-posta adresi
trusted-add = Güvenilir alıcı ekle
trusted-remove = { $name } adlı kişiyi kaldır
trusted-added = { $name } adlı kişi eklendi. E-posta adresinize bir bildirim gönderdik.
trusted-removed = { $name } adlı kişi kaldırıldı.
trusted-invalid-name = Biçimlendirme kodu veya kontrol karakteri içermeyen, 1 ile 100 karakter arasında bir ad girin.
trusted-invalid-email = Güvendiğiniz kişinin e-posta adresini girin.
trusted-too-many = En fazla { $max } güvenilir alıcınız olabilir. Lütfen önce birini kaldırın.

## Sayfadaki hatalar

error-heading = Bir sorun oluştu
error-not-found = Burada bir şey yok ya da bu içerik başka bir hesaba ait.
error-unavailable = Hizmet şu anda kullanılamıyor. Lütfen birkaç dakika sonra tekrar deneyin.
error-forbidden = Bu formun süresi doldu. Lütfen sayfayı yenileyip tekrar deneyin.

## E-posta: oturum açma bağlantısı

mail-signin-subject = Oturum açma bağlantınız
mail-signin-body = Sayın { $name }, paketlerinizi takip etmek üzere oturum açmak için bu bağlantıyı kullanın. Bağlantı 15 dakika içinde yalnızca bir kez kullanılabilir:
mail-signin-ignore = Bu bağlantıyı siz istemediyseniz bu e-postayı dikkate almayın: bağlantı olmadan kimse oturum açamaz.

## E-posta: teslimat şifresi

mail-password-subject = { $shipment } numaralı gönderiniz için teslimat şifreniz
mail-password-intro = Sayın { $name }, { $shipment } numaralı gönderinizin teslimat şifresi aşağıdadır. Paketi teslim almak için şifreyi kapıdaki kuryeye söyleyin:
mail-password-intro-behalf = Sayın { $name }, { $customer } adlı müşterimizin isteği üzerine { $shipment } numaralı gönderinin teslimat şifresini size gönderiyoruz. Paketi teslim almak için şifreyi kapıdaki kuryeye söyleyin:
mail-password-valid = Şifre şu tarihe kadar geçerlidir: { $time } ({ $zone }).
mail-password-share = Paketi sizin yerinize güvendiğiniz biri teslim alacaksa bu e-postayı o kişiye iletebilirsiniz.
mail-password-warning = Bu şifreyi sizi arayan veya size yazan hiç kimseye söylemeyin: kapınıza gelen kurye dışında ne çalışanlarımız ne de kurye bu şifreyi sizden asla istemez.

## E-posta: hesap sahibine bildirimler

mail-trusted-subject = Hesabınıza güvenilir bir alıcı eklendi
mail-trusted-body = Sayın { $name }, { $recipient } ({ $email }) { $time } tarihinde güvenilir alıcılarınıza eklendi. Bu kişi artık paketleriniz için teslimat şifresi alabilir.
mail-trusted-unexpected = Bu işlemi siz yapmadıysanız oturum açıp bu kişiyi kaldırın ve bizimle iletişime geçin.
mail-sent-elsewhere-subject = { $shipment } numaralı gönderinin teslimat şifresi { $recipient } adlı kişiye gönderildi
mail-sent-elsewhere-body = Sayın { $name }, { $shipment } numaralı gönderinin teslimat şifresi { $time } tarihinde { $channel } yoluyla güvenilir alıcılarınızdan { $recipient } ({ $destination }) adlı kişiye gönderildi.
mail-sent-elsewhere-unexpected = Bunu siz istemediyseniz bizimle iletişime geçin: size yeni bir şifre vereceğiz.
channel-email = e-posta

## E-posta: kapanış özeti

mail-summary-subject = { $ticket } numaralı talebiniz kapatıldı: { $subject }
mail-summary-greeting = Sayın { $name },
mail-summary-intro = { $ticket } numaralı talebinizi kapattık. Talebinizin özetini, tüm yazışmamızla birlikte aşağıda bulabilirsiniz.
mail-summary-request = Talebiniz
mail-summary-topic = Kategori
mail-summary-order = Sipariş
mail-summary-subject-label = Konu
mail-summary-no-order = yok
mail-summary-resolution = Yaptıklarımız
mail-summary-conversation = Yazışmamız
mail-summary-you = Siz
mail-summary-closing = Hâlâ yolunda gitmeyen bir şey varsa bu e-postayı yanıtlayın veya { $ticket } numarasını belirterek bizimle yeniden iletişime geçin.
mail-signature = Müşteri hizmetleriniz

## Sekiz yardım kategorisi

category-orders = Siparişler
category-returns_refunds = İadeler ve geri ödemeler
category-digital_devices = Dijital hizmetler ve cihazlar
category-prime = Prime üyeliği
category-payment_options = Ödeme seçenekleri
category-account_management = Hesap yönetimi
category-suspicious_activity = Şüpheli etkinlik
category-gift_cards = Hediye kartları ve bakiye yüklemeleri

## Yardım isteme

help-nav = Yardım iste
help-heading = Yardım iste
help-intro = Konunun ne olduğunu ve size nasıl yanıt vermemizi istediğinizi bize bildirin. Size bir bot değil, bir insan yanıt verir.
help-topic = Konu nedir?
help-order = Hangi sipariş?
help-order-none = Siparişlerimden hiçbiri
help-note = Mesajınız
help-contact = Size nasıl yanıt verelim?
help-contact-email = E-postayla
help-contact-callback = Beni geri arayın
help-phone = Aranacak numara
help-when = Ne zaman
help-when-asap = Mümkün olan en kısa sürede (birkaç dakika içinde)
help-when-at = Şu saatte ({ $zone }):
help-send = Talebimi gönder
help-no-phone = Hesabınızda sizi arayabileceğimiz bir telefon numarası yok. Lütfen e-postayı seçin.
help-invalid-topic = Lütfen talebinizin konusunu seçin.
help-invalid-note = Lütfen mesajınızı yazın: kontrol karakteri içermeyen, 1 ile 4000 karakter arasında bir metin.
help-invalid-time = Lütfen önümüzdeki 30 gün içinde, geçmişte olmayan bir zaman seçin.
help-invalid-phone = Lütfen telefon numaralarınızdan birini seçin.

## Taleplerim

requests-nav = Taleplerim
requests-heading = Taleplerim
requests-none = Henüz yardım talebinde bulunmadınız.
request-heading = Talep { $ticket }
request-opened = Oluşturulma tarihi: { $date }
request-status-new = Temsilci bekleniyor
request-status-open = İnceleniyor
request-status-pending = Yanıtınız bekleniyor
request-status-closed = Kapatıldı
request-channel-email = E-postayla yanıt veriyoruz
request-channel-phone_callback = Sizi geri arıyoruz
request-channel-live_chat = Canlı sohbet
request-channel-social = Sosyal medya
request-callback = Geri arama ({ $phone }): { $time }
request-callback-scheduled = planlandı
request-callback-completed = yapıldı
request-callback-failed = size ulaşamadık
request-callback-cancelled = iptal edildi
request-you = Siz
request-answer = Yanıtınız
request-send = Gönder
request-sent = Talebiniz gönderildi. Size istediğiniz şekilde yanıt vereceğiz.
request-answered = Yanıtınız eklendi.
request-closed = Bu talep kapatıldı. Hâlâ yardıma ihtiyacınız varsa lütfen yeniden yardım isteyin.
request-open-link = { $ticket } numaralı talebi aç

## E-posta: temsilcinin yanıtı

mail-reply-subject = Re: { $ticket } numaralı talebiniz: { $subject }
mail-reply-intro = Sayın { $name }, { $ticket } numaralı talebiniz temsilcimiz { $agent } tarafından yanıtlandı:
mail-reply-how = Yanıt vermek için sayfanızdaki “Taleplerim” bölümünü kullanın:

## Her kategorinin seçenekleri (talebin konusu)

topic-orders-where_is_my_parcel = Paketim nerede?
topic-orders-delivery_password = Teslimat şifrem
topic-orders-change_delivery = Teslimatı değiştirme
topic-returns_refunds-start_return = Bir ürünü iade etme
topic-returns_refunds-refund_status = Geri ödemem nerede?
topic-returns_refunds-damaged_item = Bir ürün hasarlı geldi
topic-digital_devices-device_setup = Cihaz kurulumu
topic-digital_devices-digital_purchase = Dijital bir satın alma
topic-digital_devices-subscription = Bir abonelik
topic-prime-prime_benefits = Prime avantajları
topic-prime-prime_billing = Prime faturalandırması
topic-prime-prime_cancel = Prime üyeliğini iptal etme
topic-payment_options-payment_declined = Bir ödeme reddedildi
topic-payment_options-change_payment = Ödeme yöntemimi değiştirme
topic-payment_options-invoice = Bir fatura
topic-account_management-signin_problem = Oturum açamıyorum
topic-account_management-update_details = Bilgilerimi güncelleme
topic-account_management-close_account = Hesabımı kapatma
topic-suspicious_activity-unknown_order = Benim vermediğim bir sipariş
topic-suspicious_activity-phishing_message = Şüpheli bir mesaj veya arama
topic-suspicious_activity-unrecognised_charge = Tanımadığım bir tahsilat
topic-gift_cards-redeem_card = Hediye kartı kullanma
topic-gift_cards-card_balance = Hediye kartı bakiyem
topic-gift_cards-card_not_received = Ulaşmayan bir hediye kartı

## Canlı sohbet

help-contact-chat = Hemen bir insanla sohbet et
chat-heading = Canlı sohbet
chat-waiting = Sizinle sohbet edecek birini arıyoruz. Lütfen bu sayfadan ayrılmayın.
chat-offer = Sohbetinizi henüz kimse yanıtlamadı. Bunun yerine sizi geri arayabilir veya size e-postayla yanıt verebiliriz.
chat-switch-email = Bunun yerine bana e-postayla yanıt verin
chat-switch-callback = Bunun yerine beni geri arayın
chat-switched = Talebiniz artık seçtiğiniz şekilde devam ediyor.
chat-send = Gönder
chat-no-script = JavaScript olmadan yeni mesajları görmek için lütfen sayfayı yenileyin.
chat-typing = { $name } yazıyor…
