#!/usr/bin/env python3
"""Writes the MIME reader's test messages with Python's `email` package (an encoder independent
of the reader under test), plus hand-made headers where a case needs bytes no library writes
(split encoded words, RFC 2231 continuations, a lying charset label).

Usage: Tests/XunchaIntakeTests/Fixtures/make-mail-fixtures.py   (rewrites the .eml files here)
The expected texts live in the Swift tests, written out by hand, not derived from this script.
"""

import base64
import os
from email import encoders, policy
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
CST = timezone(timedelta(hours=8))
DATE = format_datetime(datetime(2025, 3, 4, 9, 15, 2, tzinfo=CST))
# A 1x1 PNG: small, real bytes for image parts.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def write(name, msg):
    # Each message its own Message-ID, as real mail has.
    if not isinstance(msg, bytes) and "Message-ID" in msg:
        msg.replace_header("Message-ID", "<%s@example.cn>" % name.removesuffix(".eml"))
    data = msg if isinstance(msg, bytes) else msg.as_bytes(policy=policy.compat32.clone(linesep="\r\n"))
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def base_headers(msg, subject=None, message_id=True):
    msg["From"] = Header("王喆", "utf-8").encode() + " <wangzhe@example.cn>"
    msg["To"] = "xuncha@example.gov.cn"
    if subject is not None:
        msg["Subject"] = subject
    msg["Date"] = DATE
    if message_id:
        msg["Message-ID"] = "<20250304091502.1234@example.cn>"


def text_part(body_bytes, charset, cte="base64", subtype="plain"):
    """A text part whose bytes and label are exactly as given (the label may lie)."""
    part = MIMEBase("text", subtype)
    part.set_param("charset", charset)
    part.set_payload(body_bytes)
    if cte == "base64":
        encoders.encode_base64(part)
    elif cte == "8bit":
        part["Content-Transfer-Encoding"] = "8bit"
    else:
        part["Content-Transfer-Encoding"] = cte
    return part


# 1. A GB2312 label on GBK bytes: 喆, 堃 and 镕 are outside GB2312.
GBK_BODY = "尊敬的巡察组：\n我是王喆，反映某局副局长朱镕基（化名）和李堃的问题。\n联系电话：13912345678\n"
msg = text_part(GBK_BODY.encode("gbk"), "gb2312")
base_headers(msg, subject=Header("反映问题", "gb2312").encode())
write("gbk-labelled-gb2312.eml", msg)

# 2. Big5: traditional text, subject as a Big5 Q-encoded word.
BIG5_BODY = "巡察組您好：\n本單位領導違規收受禮金，請調查。\n"
msg = text_part(BIG5_BODY.encode("big5"), "big5", cte="quoted-printable")
msg.set_payload(encoders._qencode(BIG5_BODY.encode("big5")))
base_headers(msg, subject="=?big5?Q?" + "".join("=%02X" % b for b in "檢舉信".encode("big5")) + "?=")
write("big5.eml", msg)

# 3. GB18030 four-byte characters: 𠮷 (a name character beyond the BMP) and © (a four-byte BMP code).
GB18030_BODY = "举报人：𠮷祥 © 2025\n"
msg = text_part(GB18030_BODY.encode("gb18030"), "gb18030")
base_headers(msg, subject="GB18030")
write("gb18030-four-byte.eml", msg)

# 4. HZ (RFC 1843), seven-bit.
HZ_BODY = "巡察组：~请核查。\n"
msg = text_part(HZ_BODY.encode("hz"), "HZ-GB-2312", cte="7bit")
base_headers(msg, subject="HZ")
write("hz.eml", msg)

# 5. A GBK subject in two base64 encoded words, split in the middle of a character.
subject = "关于某镇党委书记违规发放补贴的举报".encode("gbk")
cut = 7  # odd: the first word ends with half of 镇
words = ["=?GBK?B?" + base64.b64encode(subject[:cut]).decode() + "?=", "=?GBK?B?" + base64.b64encode(subject[cut:]).decode() + "?="]
msg = MIMEText("见主题。", "plain", "utf-8")
base_headers(msg)
msg["Subject"] = words[0] + "\r\n " + words[1]
write("gbk-subject.eml", msg)

# 6. An attachment name in RFC 2231 sections: section 0 extended with the charset, section 1
#    extended, section 2 plain; plus a GBK name for the second attachment.
outer = MIMEMultipart("mixed")
base_headers(outer, subject="附件")
outer.attach(MIMEText("材料见附件。", "plain", "utf-8"))
name = "关于违规收受礼金问题的情况说明（第二版）.docx".encode("utf-8")
half = 24
att = MIMEApplication(b"PK\x03\x04 fake docx", "vnd.openxmlformats-officedocument.wordprocessingml.document")
att["Content-Disposition"] = (
    "attachment;\r\n filename*0*=UTF-8''"
    + "".join("%%%02X" % b for b in name[:half])
    + ";\r\n filename*1*="
    + "".join("%%%02X" % b for b in name[half:-5])
    + ";\r\n filename*2=\".docx\""
)
outer.attach(att)
gbkname = "照片.jpg".encode("gbk")
img = MIMEImage(PNG, "jpeg")
img["Content-Disposition"] = "attachment; filename*=gbk'zh-cn'" + "".join("%%%02X" % b for b in gbkname)
outer.attach(img)
write("rfc2231-filename.eml", outer)

# 7. Nested: mixed { alternative { plain, related { html, image } }, pdf }.
outer = MIMEMultipart("mixed")
base_headers(outer, subject=Header("嵌套的邮件", "utf-8").encode())
alt = MIMEMultipart("alternative")
alt.attach(MIMEText("纯文本正文：某村会计挪用低保资金。", "plain", "utf-8"))
rel = MIMEMultipart("related")
rel.attach(MIMEText("<p>HTML正文：某村会计挪用<b>低保资金</b>。</p><img src=\"cid:shot1\">", "html", "utf-8"))
shot = MIMEImage(PNG, "png")
shot["Content-ID"] = "<shot1>"
shot["Content-Disposition"] = "inline"
rel.attach(shot)
alt.attach(rel)
outer.attach(alt)
pdf = MIMEApplication(b"%PDF-1.4 fake", "pdf")
pdf.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "证据.pdf"))
outer.attach(pdf)
write("nested.eml", outer)

# 8. HTML only, labelled gb2312 in the meta tag only, with script, style and entities.
HTML = (
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
    "<title>标题不要</title><style>p { color: red }</style><script>alert('x')</script></head>"
    "<body><div>巡察组领导：</div><p>某单位&nbsp;存在&ldquo;吃拿卡要&rdquo;问题&#65281;</p>"
    "<p>金额约&yen;5000元&amp;更多。<br>第二行</p><!-- 注释不要 --></body></html>"
)
msg = MIMEBase("text", "html")
msg.set_payload(HTML.encode("gb2312"))
encoders.encode_base64(msg)
base_headers(msg, subject="HTML")
write("html-only.eml", msg)

# 9. A malformed base64 body: stray characters inside and the last group cut off.
good = base64.b64encode("这是一段完整的举报内容，后面被截断了。".encode("utf-8")).decode()
broken = good[:20] + "!!*" + good[20:40] + "\r\n%%" + good[40:-3]
raw = (
    "From: a@example.cn\r\nSubject: broken\r\nDate: " + DATE + "\r\nMessage-ID: <broken@example.cn>\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + broken + "\r\n"
).encode()
write("malformed-base64.eml", raw)

# 10. No Message-ID.
msg = MIMEText("没有Message-ID的邮件。", "plain", "utf-8")
base_headers(msg, subject="no id", message_id=False)
write("no-message-id.eml", msg)

# 11. An empty body with only an attachment.
outer = MIMEMultipart("mixed")
base_headers(outer, subject="只有附件")
only = MIMEApplication(b"audio bytes", "octet-stream")
only.add_header("Content-Disposition", "attachment", filename="录音.amr")
outer.attach(only)
write("attachment-only.eml", outer)

print("fixtures written to", HERE)
