#!/usr/bin/env python3
"""Walks the pages as a citizen and as staff in Chromium, at phone and desktop size, and saves a
screenshot of each step, so that a person can look at what the pages really show.

Usage: scripts/walk.py OUT_DIR [--binary .build/debug/xuncha]
WALK_PAGES=/a,/b adds staff pages; WALK_AS=user walks them as that account (default zuzhang).
WALK_FLOW=identity walks a member's request to see a named reporter, the leader's approval, the
member's one watermarked view, and the leader keeping the member away from a report (回避).
WALK_FLOW=codechange walks a letter registered for a reporter who follows it up, and the reporter
replacing the staff-issued code: the proposed code, a wrong copy, the right one.
Logging in, it enrols the account's second factor from the secret the page shows and computes the
codes as a phone would (RFC 6238), screenshotting the enrolment, the recovery codes and the
login's second step.
Needs chromium, chromedriver (Debian) and selenium (pip install selenium). Starts its own
`xuncha serve --demo` on a free loopback port with a throw-away data folder.
"""
import base64, hashlib, hmac, os, re, socket, struct, subprocess, sys, tempfile, time, shutil
from selenium import webdriver
from selenium.webdriver.common.by import By

out = sys.argv[1] if len(sys.argv) > 1 else "walk"
binary = sys.argv[sys.argv.index("--binary") + 1] if "--binary" in sys.argv else ".build/debug/xuncha"
os.makedirs(out, exist_ok=True)
data = tempfile.mkdtemp(prefix="xuncha-walk-")
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
log = open(os.path.join(data, "serve.log"), "w+")
server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port), "--data", data + "/d"], stdout=log, stderr=subprocess.STDOUT)
base = f"http://127.0.0.1:{port}"
try:
    for _ in range(200):
        try:
            import urllib.request
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.2)
    log.seek(0)
    passwords = dict(re.findall(r"created account: (\w+).*?one-time password: (\S+)", log.read()))

    def driver(width, height):
        o = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}", "--lang=zh-CN"]:
            o.add_argument(a)
        return webdriver.Chrome(options=o)

    def shot(d, name):
        total = d.execute_script("return document.body.scrollHeight")
        d.set_window_size(d.get_window_size()["width"], min(max(total + 120, 600), 4000))
        d.save_screenshot(os.path.join(out, name + ".png"))

    secrets, last_steps = {}, {}

    def totp(user):
        """The code a phone shows (RFC 6238), from the secret the enrolment page showed; each code is
        taken once, so a second login within the same 30 seconds uses the next step's."""
        step = int(time.time()) // 30
        if last_steps.get(user, -1) >= step + 1:
            time.sleep(30 - time.time() % 30 + 0.5)
            step = int(time.time()) // 30
        step = max(step, last_steps.get(user, -1) + 1)
        last_steps[user] = step
        key = base64.b32decode(secrets[user] + "=" * (-len(secrets[user]) % 8))
        mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
        offset = mac[-1] & 15
        return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)

    def login(d, user, new="walk-password-1", size=""):
        d.get(base + "/staff/login")
        d.find_element(By.ID, "username").send_keys(user)
        d.find_element(By.ID, "password").send_keys(passwords[user])
        d.find_element(By.CSS_SELECTOR, "form[action='/staff/login'] button").click()
        if "/staff/password" in d.current_url:
            d.find_element(By.ID, "current").send_keys(passwords[user])
            d.find_element(By.ID, "new").send_keys(new)
            d.find_element(By.ID, "new_again").send_keys(new)
            d.find_element(By.CSS_SELECTOR, "form[action='/staff/password'] button").click()
            d.find_element(By.ID, "username").send_keys(user)
            d.find_element(By.ID, "password").send_keys(new)
            d.find_element(By.CSS_SELECTOR, "form[action='/staff/login'] button").click()
        passwords[user] = new
        if "/staff/enrol" in d.current_url:
            shot(d, f"{size}-enrol")
            secrets[user] = d.find_element(By.ID, "totp-secret").text.replace(" ", "")
            d.find_element(By.ID, "code").send_keys(totp(user))
            d.find_element(By.CSS_SELECTOR, "form[action='/staff/enrol'] button").click()
            shot(d, f"{size}-recovery-codes")
        elif "/staff/login/code" in d.current_url:
            shot(d, f"{size}-login-code")
            d.find_element(By.ID, "code").send_keys(totp(user))
            d.find_element(By.CSS_SELECTOR, "form[action='/staff/login/code'] button").click()

    pages = [
        ("inbox", "/staff"),
        ("search", "/staff?q=%E7%BA%A2%E5%8C%85&sort=number&dir=asc"),
        ("statistics", "/staff/statistics"),
        ("team", "/staff/team"),
    ]
    if os.environ.get("WALK_AS", "zuzhang") != "zuzhang":
        pages = [("home", "/staff")]
    extra = [p for p in os.environ.get("WALK_PAGES", "").split(",") if p]

    def identity_flow(size, w, h):
        member, leader = driver(w, h), driver(w, h)
        try:
            login(member, "zuyuan", size=size + "-member")
            member.get(base + "/staff?named=1")
            member.find_element(By.CSS_SELECTOR, "table.inbox tbody tr td.number a").click()
            report = member.current_url.split("?")[0].split("#")[0]
            member.find_element(By.CSS_SELECTOR, "#identity-request summary").click()
            member.find_element(By.ID, "identity-reason").send_keys("需电话回访，核实反映的时间和地点")
            shot(member, f"{size}-identity-request")
            member.find_element(By.CSS_SELECTOR, "#identity-request-form button").click()
            shot(member, f"{size}-identity-requested")
            login(leader, "zuzhang", size=size + "-leader")
            leader.get(base + "/staff")
            shot(leader, f"{size}-identity-agenda")
            leader.get(report)
            leader.find_element(By.CSS_SELECTOR, "#identity-requests input[name=note]").send_keys("同意，回访后记入备注")
            shot(leader, f"{size}-identity-decide")
            leader.find_element(By.CSS_SELECTOR, "#identity-requests button[value='1']").click()
            member.get(report)
            member.find_element(By.ID, "identity-form").submit()
            shot(member, f"{size}-identity-view")
            leader.get(report)
            leader.find_element(By.CSS_SELECTOR, "#exclude summary").click()
            leader.find_element(By.ID, "exclude-reason").send_keys("与被反映人系亲属")
            select = leader.find_element(By.ID, "exclude-user")
            for option in select.find_elements(By.TAG_NAME, "option"):
                if option.text == "示例组员":
                    option.click()
            leader.find_element(By.CSS_SELECTOR, "#exclude-form button").click()
            shot(leader, f"{size}-exclusion")
            member.get(report)
            shot(member, f"{size}-excluded-member")
        finally:
            member.quit()
            leader.quit()

    def code_change_flow(size, w, h):
        staff, citizen = driver(w, h), driver(w, h)
        try:
            login(staff, "zuyuan", size=size)
            staff.get(base + "/staff/register/letter")
            staff.find_element(By.ID, "content").send_keys("来信反映某局办公室主任在物资采购中收受供应商礼品，请巡察组核查。")
            staff.find_element(By.CSS_SELECTOR, "input[name=reporter_follows_up]").click()
            shot(staff, f"{size}-code-register")
            staff.find_element(By.CSS_SELECTOR, "form[action='/staff/register/letter'] button[type=submit]").click()
            shot(staff, f"{size}-code-registered")
            issued = staff.find_element(By.ID, "query-code").text.replace(" ", "")
            citizen.get(base + "/status")
            citizen.find_element(By.ID, "query_code").send_keys(issued)
            citizen.find_element(By.CSS_SELECTOR, "form[action='/status'] button").click()
            shot(citizen, f"{size}-code-must-change")
            citizen.find_element(By.CSS_SELECTOR, "form[action='/status/code'] button").click()
            shot(citizen, f"{size}-code-proposed")
            proposed = citizen.find_element(By.ID, "new-query-code").text
            citizen.find_element(By.ID, "new_query_code").send_keys(proposed[::-1])
            citizen.find_element(By.CSS_SELECTOR, "form[action='/status/code'] button").click()
            shot(citizen, f"{size}-code-wrong-copy")
            citizen.find_element(By.ID, "new_query_code").send_keys(proposed)
            citizen.find_element(By.CSS_SELECTOR, "form[action='/status/code'] button").click()
            shot(citizen, f"{size}-code-in-force")
        finally:
            staff.quit()
            citizen.quit()

    for size, (w, h) in {"desktop": (1366, 900), "phone": (390, 844)}.items():
        if os.environ.get("WALK_FLOW") == "codechange":
            code_change_flow(size, w, h)
            continue
        if os.environ.get("WALK_FLOW") == "identity":
            identity_flow(size, w, h)
            continue
        d = driver(w, h)
        try:
            d.get(base + "/")
            shot(d, f"{size}-public-home")
            login(d, os.environ.get("WALK_AS", "zuzhang"), size=size)
            for name, path in pages + [(p.strip("/").replace("/", "-"), p) for p in extra]:
                d.get(base + path)
                shot(d, f"{size}-{name}")
            if os.environ.get("WALK_AS", "zuzhang") == "zuzhang":
                d.get(base + "/staff")
                d.find_element(By.CSS_SELECTOR, "table.inbox tbody tr td.number a").click()
                shot(d, f"{size}-report")
        finally:
            d.quit()
    print("screenshots in", out)
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(data, ignore_errors=True)
