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
signin-too-many = Bu adres için çok fazla oturum açma bağlantısı istendi. Lütfen şu tarihten sonra tekrar deneyin: { $time }.
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
