#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (Fuzz/corpus/<target>/): small inputs of every shape each
reader takes, so that libFuzzer starts from real structure. The texts are invented for these
seeds. Each target's first byte means what its Fuzz/<Target>/<Target>.swift says.
Usage: Fuzz/corpus/make-seeds.py (rewrites the seed folders)."""
import base64
import json
import os
import quopri
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))


def folder(name):
    path = os.path.join(HERE, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def write(target, name, data):
    with open(os.path.join(HERE, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# --- mail: whole messages as a Maildir holds them --------------------------------------------
folder("mail")
body = "巡察组同志：\n我反映某局副局长张某某在2023年3月违规收受礼金5000元，电话13800138000。\n"
write("mail", "plain-utf8.eml", "From: 某群众 <someone@example.com>\nTo: xuncha@example.gov.cn\n"
      "Subject: 反映问题\nDate: Thu, 16 Mar 2023 09:30:00 +0800\nMessage-ID: <a1@example.com>\n"
      "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body)
write("mail", "gbk-base64.eml", b"From: =?GBK?B?" + base64.b64encode("群众".encode("gbk")) + b"?= <a@example.com>\r\n"
      b"Subject: =?GB2312?B?" + base64.b64encode("举报材料".encode("gbk")) + b"?=\r\nDate: 16 Mar 2023 10:00 +0800\r\n"
      b"Content-Type: text/plain; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      + base64.encodebytes(body.encode("gbk")).replace(b"\n", b"\r\n"))
write("mail", "quoted-printable.eml", b"From: b@example.com\nSubject: =?utf-8?Q?=E5=8F=8D=E6=98=A0?=\n"
      b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" + quopri.encodestring(body.encode("utf-8")))
write("mail", "multipart.eml", (
    "From: c@example.com\nSubject: with attachment\nMIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n\npreamble\n--outer\n"
    "Content-Type: multipart/alternative; boundary=inner\n\n--inner\nContent-Type: text/plain; charset=utf-8\n\n" + body
    + "--inner\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>反映</p><br>张某某&amp;李某</body></html>\n--inner--\n"
    "--outer\nContent-Type: application/pdf; name=\"=?utf-8?B?" + base64.b64encode("证据.pdf".encode()).decode() + "?=\"\n"
    "Content-Disposition: attachment; filename*=utf-8''%E8%AF%81%E6%8D%AE.pdf\nContent-Transfer-Encoding: base64\n\n"
    + base64.b64encode(b"%PDF-1.4 fake").decode() + "\n--outer--\n"))
write("mail", "html-big5.eml", b"From: d@example.com\nSubject: =?big5?B?" + base64.b64encode("檢舉".encode("big5")) + b"?=\n"
      b"Content-Type: text/html; charset=big5\n\n<div>" + "某局長收受紅包".encode("big5") + b"</div>\n")
write("mail", "rfc822-nested.eml", "From: e@example.com\nContent-Type: message/rfc822\n\n"
      "From: f@example.com\nSubject: inner\nContent-Type: text/plain\n\nforwarded\n")

# --- announcements: first byte 33 ("!") is published 2023, 0xFF none -------------------------
folder("announcement")
simplified = ("市委第九巡察组进驻县财政局开展巡察的公告\n根据市委巡察工作统一部署，市委第九巡察组于2023年4月3日至2023年6月30日"
              "对县财政局党组开展常规巡察。巡察期间设专门值班电话：0738-8123456（受理时间为工作日上午8:30—12:00，下午14:30—17:30），"
              "专门邮政信箱：娄底市A123邮政信箱，电子邮箱：xcz9@example.gov.cn。受理信访截止时间为2023年6月28日。"
              "巡察组主要受理反映县财政局领导班子及其成员、下一级党组织主要负责人的来信来电来访。\n市委第九巡察组\n2023年4月3日\n")
write("announcement", "simplified.txt", "!" + simplified)
write("announcement", "traditional-fullwidth.txt", "\xff" + "縣委第二巡察組關於進駐縣教育局的公告\n巡察期間（５月８日—７月７日），"
      "值班電話：１３９０７３８００００，截止時間為巡察結束前一天。根據(jù)部署。\n")
write("announcement", "page.html", "!<!DOCTYPE html><html><body><div class=\"title\">巡察公告</div><p>" + simplified.replace("\n", "</p><p>")
      + "</p><table><tr><td>巡察组</td><td>被巡察单位</td></tr><tr><td>第一巡察组</td><td>县卫健局</td></tr></table></body></html>")
write("announcement", "two-groups.txt", "!" + "市委第一巡察组、第二巡察组分别进驻县水利局、县交通局。\n第一巡察组：巡察期间为3月1日至4月30日，"
      "电话8123001。\n第二巡察组：巡察期间为3月1日至4月30日，电话8123002。\n")

# --- text: anything a report holds ------------------------------------------------------------
folder("text")
write("text", "simplified.txt", body + "身份证号码11010519491231002X，邮箱 a.b@example.com，2023年3月1日至5月31日，共计人民币壹万伍仟元。")
write("text", "traditional.txt", "檢舉某局長於２０２３年３月收受紅包１．５萬元，聯絡電話：（0738）８１２３４５６。銀行(yín háng)覆蓋裡面")
write("text", "spaces-and-marks.txt", "张\u3000\u3000某\u200b某\r\n第(一)条 ①②\ufe30\u2015\uff5e 克里斯‧王 14:30-17:30")
write("text", "invalid-utf8.bin", b"\xe5\x8f\x8d\xe6\x98\xa0\xff\xfe\xc0\xaf\xed\xa0\x80\xe5\x8f")

# --- roster: first byte even = the file as uploaded (bit 1: units checked); odd = a workbook --
folder("roster")
csv = "县财政局巡察对象名册\n序号,姓名,单位,职务,别名\n1,王建国,县财政局,党组书记、局长,\"老王、王局\"\n2,李红梅,县财政局,财务股股长,\n3,\"赵,某\",,\"多\n行\",\n"
write("roster", "utf8.csv", "0" + csv)
write("roster", "utf8-bom-units.csv", b"2" + b"\xef\xbb\xbf" + csv.encode("utf-8"))
write("roster", "gbk.csv", b"0" + csv.replace("\n", "\r\n").encode("gbk"))
write("roster", "utf16.csv", b"2" + csv.encode("utf-16"))
write("roster", "english.csv", "0name;unit;post;role\nWang;County Finance;Director;leadership\n")
sheet = ('<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
         '<c r="C1" t="inlineStr"><is><t>职务</t></is></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c>'
         '<c r="D2"><v>42</v></c></row><row><c t="s"><v>4</v></c></row></sheetData></worksheet>')
strings = ('<sst><si><t>姓名</t></si><si><t>单位</t></si><si><r><t>王</t></r><r><t>建国</t></r><rPh><t>wang</t></rPh></si>'
           '<si><t>县财政局</t></si><si><t>局长</t></si></sst>')
workbook = '<workbook xmlns:r="r"><sheets><sheet name="名册" r:id="rId1"/></sheets></workbook>'
rels = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'
write("roster", "workbook-parts", "1" + sheet + "\0" + strings + "\0" + workbook + "\0" + rels)
write("roster", "workbook-units-sheet-only", "3" + sheet.replace('t="s"', 't="inlineStr"'))

# --- api: first byte = input number (low 5 bits, Fuzz/FuzzAPI) | 0x80 for a form body --------
folder("api")
bodies = [
    {"content": "反映张某某收受红包。", "subjects": [{"name": "张某某", "unit": "县财政局", "post": "副局长"}],
     "reporter": {"name": "李四", "phone": "13800138000"}, "inspection_id": "i1", "channel": "web"},
    {"query_code": "1234-5678-9012-3456", "content": "补充材料"},
    {"query_code": "1234567890123456", "new_query_code": "6543210987654321", "new_query_code_again": "6543210987654321"},
    {"outcome": "refer", "reason": "不属于巡察范围", "recipient": "县纪委监委", "lead_subject": {"name": "张某某"}},
    {"content": "已收到您的反映。"},
    {"q": "红包", "status": "new", "channel": "web", "from": "2023-03-01", "to": "2023-05-31", "page": 2, "sort": "received", "dir": "asc"},
    {"group": "市委第九巡察组", "leader": "组长", "units": ["县财政局"], "period_start": "2023-04-03", "period_end": "2023-06-30",
     "deadline": "2023-06-28", "deadline_time": "17:30", "phones": ["0738-8123456"],
     "phone_hours": [{"weekdays_only": True, "from": "08:30", "to": "12:00"}], "replies_enabled": True},
    {"subject": {"name": "王建国", "unit": "县财政局", "post": "局长"}, "summary": "违规发放津贴", "kind": "discipline"},
    {"about_principal": "true"},
    {"note": "谈话笔录"},
    {"title": "关于王建国的问题底稿", "date": "2023-05-10", "unit": "县财政局", "source": "来信", "summary": "摘要",
     "how_found": "个别谈话", "materials": ["笔录"]},
    {"comment": "请补充"},
    {"principal": "on"},
    {"from": "2023-03-01", "to": "2023-05-31", "identities": "1"},
    {"problem": "问题", "measure": "措施", "deadline": "2023-08-31", "state": "整改中", "seen_at": "1680000000000"},
    {"disposition": "talk", "result": "谈话提醒", "reported_on": "2023-03-20", "close_out": True},
    {"content": "转办内容", "recipient": "县纪委监委"},
    {"content": "转办内容", "recipient": "县纪委监委", "feedback_due": "2023-04-28"},
    {"finding": "属实", "closure": "closed", "content": "已核实处理"},
    {"channel": "phone", "received_at": "2023-03-16T09:30:00+08:00", "content": "来电反映", "caller_number": "13800138000",
     "call_started_at": "2023-03-16 09:20", "call_minutes": "12", "reporter_follows_up": "on"},
    {"assignee_id": "u2"},
    {"content": "备注"},
    {"reason": "理由"},
    {"username": "zuyuan", "password": "secret"},
    {"current": "old-password", "new": "a much longer new password", "new_again": "a much longer new password"},
    {"username": "newmember", "display_name": "新组员", "role": "member", "inspection_id": "i1"},
]


def form(value, prefix=""):
    pairs = []
    if isinstance(value, dict):
        for k, v in value.items():
            pairs += form(v, "%s[%s]" % (prefix, k) if prefix else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            pairs += form(v, "%s[%d]" % (prefix, i))
    else:
        text = {True: "on", False: ""}.get(value, value) if isinstance(value, bool) else str(value)
        pairs.append(prefix + "=" + "".join(c if c.isalnum() and c.isascii() else "%%%02X" % b
                                              for c in text for b in c.encode("utf-8")))
    return pairs


for n, value in enumerate(bodies):
    write("api", "%02d.json" % n, bytes([n]) + json.dumps(value, ensure_ascii=False).encode("utf-8"))
    write("api", "%02d.form" % n, bytes([n | 0x80]) + "&".join(form(value)).encode("utf-8"))
