# お客様が目にするすべての文言(日本語):お客様ページとすべてのメール。
# 言語ごとに 1 ファイル(crates/server/locales/<tag>.ftl)。ほかの言語にあるメッセージが欠けているとテストが失敗します。
# 変数はサーバーが埋め込み、マークアップを含むことはありません。

## 言語名

language-name = 日本語

## この言語での日付と数値の書き方:chrono の strftime パターン(月名・曜日名は
## この言語のロケールから取得)と小数点記号。

format-date = %Y年%B%-d日（%a）
format-datetime = %Y年%B%-d日（%a）%H:%M
format-decimal-separator = .

## ページの枠

page-title = 荷物の追跡
page-skip = 本文へスキップ
page-signed-in-as = { $name } 様としてログイン中
page-sign-out = ログアウト
page-language = 言語
page-change-language = 変更
page-footer = Sportello カスタマーサービス。お電話、メール、チャットで配達パスワードをお尋ねすることは一切ありません。

## ログイン

signin-heading = ログイン
signin-intro = アカウントのメールアドレスを入力してください。ログイン用のリンクをお送りします。リンクは 15 分以内に 1 回だけご利用いただけます。
signin-email = メールアドレス
signin-send = ログイン用リンクを送信
signin-sent-heading = メールをご確認ください
signin-sent = このアドレスで登録されたアカウントがある場合は、ログイン用リンクをお送りしました。リンクは 15 分以内に 1 回だけご利用いただけます。
signin-invalid-email = メールアドレスの形式が正しくありません。ご確認のうえ、もう一度お試しください。
signin-too-many = ログイン用リンクのリクエストが多すぎます。{ $time } 以降にもう一度お試しください。
signin-link-invalid-heading = このリンクではログインできません
signin-link-invalid = このリンクは使用済みか、有効期限が切れているか、不完全です。下から新しいリンクをリクエストしてください。
signin-again = もう一度ログイン

## ご注文履歴

orders-heading = ご注文履歴
orders-none = まだご注文はありません。
order-heading = ご注文 { $order }
order-placed = ご注文日：{ $date }
order-total = 合計：{ $amount }
order-items = 商品
order-item-quantity = { $quantity ->
   *[other] { $quantity } 点
}
order-open = この注文を追跡
order-shipments = { $count ->
    [0] 未発送
   *[other] 配送 { $count } 件
}
order-back = ご注文履歴に戻る

## 荷物の追跡

shipment-heading = 配送 { $shipment }
shipment-carrier = { $carrier }、追跡番号 { $tracking }
shipment-delivery-date = お届け予定日：{ $date }
shipment-timeline = 配送状況
status-label_created = 送り状作成済み
status-shipped = 発送済み
status-in_transit = 輸送中
status-out_for_delivery = 配達中
status-delivery_attempted = 配達を試みました
status-delivered = 配達完了
status-returned = 返送済み

## 配達パスワード

code-heading = 配達パスワード
code-intro = 荷物をお受け取りの際は、玄関先で配達員にこのパスワードをお伝えください。
code-valid-until = 有効期限：{ $time }（{ $zone }）
code-never-tell = お電話やメッセージで尋ねられても、決して誰にも教えないでください。当社スタッフがお尋ねすることはありません。お伝えいただけるのは、玄関先の配達員だけです。
code-show = 配達パスワードを表示
code-shown-note = セキュリティのため、パスワードを表示するたびに記録されます。
code-none = この配送には配達パスワードは必要ありません。
code-locked = 玄関先で誤ったパスワードが何度も伝えられたため、パスワードをロックしました。お問い合わせいただければ、新しいパスワードを発行いたします。
code-expired = 配達日の終了とともにパスワードの有効期限が切れました。荷物がまだ配送中の場合は、お問い合わせいただければ新しいパスワードを発行いたします。
code-retired = 荷物は配達済みまたは返送済みのため、パスワードは不要になりました。
code-too-many = 過去 15 分間にパスワードを { $count ->
   *[other] { $count } 回
}表示されました。セキュリティのため、次に表示できるのは { $time } 以降です。

## 代理受取人

trusted-heading = 代理受取人
trusted-intro = お客様の代わりに荷物を受け取ることができる方です。代理受取人が追加されたときや、パスワードを受け取ったときは、その都度メールでお知らせします。
trusted-none = 代理受取人は登録されていません。
trusted-name = 氏名
trusted-email = メールアドレス
trusted-add = 代理受取人を追加
trusted-remove = { $name } 様を削除
trusted-added = { $name } 様を追加しました。お客様のメールアドレスにお知らせをお送りしました。
trusted-removed = { $name } 様を削除しました。
trusted-invalid-name = 1～100 文字の氏名を入力してください。マークアップや制御文字は使用できません。
trusted-invalid-email = 代理受取人のメールアドレスを入力してください。
trusted-too-many = 代理受取人は最大 { $max } 人まで登録できます。先にどなたかを削除してください。

## ページ上のエラー

error-heading = エラーが発生しました
error-not-found = お探しのページは存在しないか、別のアカウントのものです。
error-unavailable = 現在サービスをご利用いただけません。数分後にもう一度お試しください。
error-forbidden = このフォームの有効期限が切れました。ページを再読み込みして、もう一度お試しください。

## メール:ログイン用リンク

mail-signin-subject = ログイン用リンクのお知らせ
mail-signin-body = { $name } 様、荷物を追跡するには、こちらのリンクからログインしてください。リンクは 15 分以内に 1 回だけご利用いただけます：
mail-signin-ignore = お心当たりがない場合は、このメールを破棄してください。リンクがなければ、誰もログインできません。

## メール:配達パスワード

mail-password-subject = 配送 { $shipment } の配達パスワード
mail-password-intro = { $name } 様、配送 { $shipment } の配達パスワードをお送りします。荷物をお受け取りの際は、玄関先で配達員にお伝えください：
mail-password-intro-behalf = { $name } 様、{ $customer } 様のご依頼により、配送 { $shipment } の配達パスワードをお送りします。荷物をお受け取りの際は、玄関先で配達員にお伝えください：
mail-password-valid = 有効期限は { $time }（{ $zone }）です。
mail-password-share = 信頼できる方が代わりに荷物を受け取る場合は、このメールをその方に転送していただけます。
mail-password-warning = お電話やメッセージで尋ねられても、このパスワードは決して教えないでください。当社スタッフや配達員がお尋ねすることはありません。お伝えいただけるのは、玄関先の配達員だけです。

## メール:アカウント名義人へのお知らせ

mail-trusted-subject = お客様のアカウントに代理受取人が追加されました
mail-trusted-body = { $name } 様、{ $time } に { $recipient } 様（{ $email }）が代理受取人に追加されました。今後、この方はお客様の荷物の配達パスワードを受け取ることができます。
mail-trusted-unexpected = お心当たりがない場合は、ログインしてこの方を削除し、当社までお問い合わせください。
mail-sent-elsewhere-subject = 配送 { $shipment } の配達パスワードを { $recipient } 様に送信しました
mail-sent-elsewhere-body = { $name } 様、{ $time } に、配送 { $shipment } の配達パスワードを { $channel } で代理受取人の { $recipient } 様（{ $destination }）に送信しました。
mail-sent-elsewhere-unexpected = お心当たりがない場合は、当社までお問い合わせください。新しいパスワードを発行いたします。
channel-email = メール

## メール:完了時の概要

mail-summary-subject = お問い合わせ { $ticket } は完了しました：{ $subject }
mail-summary-greeting = { $name } 様
mail-summary-intro = お問い合わせ { $ticket } の対応を完了いたしました。これまでのやり取りの全文とあわせて、概要をお送りします。
mail-summary-request = お問い合わせ内容
mail-summary-topic = カテゴリー
mail-summary-order = ご注文
mail-summary-subject-label = 件名
mail-summary-no-order = なし
mail-summary-resolution = 対応内容
mail-summary-conversation = やり取りの履歴
mail-summary-you = お客様
mail-summary-closing = まだ問題が解決していない場合は、このメールにご返信いただくか、{ $ticket } をお書き添えのうえ、あらためてお問い合わせください。
mail-signature = カスタマーサービス

## 8 つのお問い合わせカテゴリー

category-orders = ご注文
category-returns_refunds = 返品・返金
category-digital_devices = デジタルサービスとデバイス
category-prime = Prime 会員
category-payment_options = お支払い方法
category-account_management = アカウント管理
category-suspicious_activity = 不審なアクティビティ
category-gift_cards = ギフトカードとチャージ

## サポートへのお問い合わせ

help-nav = お問い合わせ
help-heading = お問い合わせ
help-intro = お問い合わせの内容と、ご希望の回答方法をお知らせください。ボットではなく、担当者が回答いたします。
help-topic = お問い合わせの内容
help-order = 対象のご注文
help-order-none = いずれのご注文にも該当しない
help-note = メッセージ
help-contact = ご希望の回答方法
help-contact-email = メールで回答を希望する
help-contact-callback = 折り返しの電話を希望する
help-phone = お電話先の番号
help-when = ご希望の日時
help-when-asap = できるだけ早く（数分以内）
help-when-at = 日時を指定（{ $zone }）：
help-send = お問い合わせを送信
help-no-phone = お客様のアカウントには、お電話できる電話番号が登録されていません。メールをお選びください。
help-invalid-topic = お問い合わせの内容をお選びください。
help-invalid-note = メッセージを入力してください（1～4000 文字。制御文字は使用できません）。
help-invalid-time = 今後 30 日以内の日時をお選びください。過去の日時は選択できません。
help-invalid-phone = お客様の電話番号のいずれかをお選びください。

## お問い合わせ履歴

requests-nav = お問い合わせ履歴
requests-heading = お問い合わせ履歴
requests-none = まだお問い合わせはありません。
request-heading = お問い合わせ { $ticket }
request-opened = 受付日：{ $date }
request-status-new = 担当者の対応待ち
request-status-open = 対応中
request-status-pending = お客様のご返信待ち
request-status-closed = 完了
request-channel-email = メールで回答
request-channel-phone_callback = お電話で折り返し
request-channel-live_chat = ライブチャット
request-channel-social = ソーシャルメディア
request-callback = { $phone } への折り返しのお電話：{ $time }
request-callback-scheduled = 予定
request-callback-completed = 完了
request-callback-failed = ご連絡がつきませんでした
request-callback-cancelled = キャンセル済み
request-you = お客様
request-answer = ご返信
request-send = 送信
request-sent = お問い合わせを送信しました。ご希望の方法で回答いたします。
request-answered = ご返信を追加しました。
request-closed = このお問い合わせは完了しています。引き続きサポートが必要な場合は、あらためてお問い合わせください。
request-open-link = お問い合わせ { $ticket } を開く

## メール:担当者からの回答

mail-reply-subject = Re: お問い合わせ { $ticket }：{ $subject }
mail-reply-intro = { $name } 様、お問い合わせ { $ticket } に担当の { $agent } が回答いたしました：
mail-reply-how = ご返信は、お客様ページの「お問い合わせ履歴」からお送りください：

## 各カテゴリーの選択肢(お問い合わせの内容)

topic-orders-where_is_my_parcel = 荷物はどこにありますか？
topic-orders-delivery_password = 配達パスワードについて
topic-orders-change_delivery = 配達の変更
topic-returns_refunds-start_return = 商品の返品
topic-returns_refunds-refund_status = 返金はどうなっていますか？
topic-returns_refunds-damaged_item = 商品が破損して届いた
topic-digital_devices-device_setup = デバイスの設定
topic-digital_devices-digital_purchase = デジタルコンテンツの購入
topic-digital_devices-subscription = サブスクリプション
topic-prime-prime_benefits = Prime の特典
topic-prime-prime_billing = Prime の請求
topic-prime-prime_cancel = Prime の解約
topic-payment_options-payment_declined = 支払いが承認されなかった
topic-payment_options-change_payment = お支払い方法の変更
topic-payment_options-invoice = 請求書について
topic-account_management-signin_problem = ログインできない
topic-account_management-update_details = 登録情報の更新
topic-account_management-close_account = アカウントの閉鎖
topic-suspicious_activity-unknown_order = 身に覚えのない注文
topic-suspicious_activity-phishing_message = 不審なメッセージや電話
topic-suspicious_activity-unrecognised_charge = 身に覚えのない請求
topic-gift_cards-redeem_card = ギフトカードの登録
topic-gift_cards-card_balance = ギフトカードの残高
topic-gift_cards-card_not_received = ギフトカードが届かない

## ライブチャット

help-contact-chat = 今すぐ担当者とのチャットを希望する
chat-heading = ライブチャット
chat-waiting = 担当者におつなぎしています。このページを開いたままお待ちください。
chat-offer = まだ担当者がチャットに応答していません。代わりに、お電話での折り返しまたはメールでの回答も承ります。
chat-switch-email = メールでの回答に切り替える
chat-switch-callback = 折り返しの電話に切り替える
chat-switched = ご希望の方法でお問い合わせへの対応を続けます。
chat-send = 送信
chat-no-script = JavaScript が無効の場合は、ページを再読み込みすると新しいメッセージが表示されます。
chat-typing = { $name }さんが入力中…
