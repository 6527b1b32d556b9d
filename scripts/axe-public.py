#!/usr/bin/env python3
"""Runs axe-core (the accessibility engine, as the PyPI package axe-selenium-python ships it)
over the public pages in Chromium, at a phone's 390 x 844 and a desktop's 1366 x 900: the home
page, the form with its errors, the page that gives the query code, the status page, the list of
inspections and an inspection's page. Prints every WCAG 2 A/AA violation and exits 1 if any.

Usage: scripts/axe-public.py [--binary .build/debug/xuncha]
Needs chromium, chromedriver, selenium and axe-selenium-python (pip install axe-selenium-python).
Starts its own `xuncha serve --demo` on a free loopback port with a throw-away data folder.
"""
import json, os, socket, subprocess, sys, tempfile, time, shutil, urllib.request
import axe_selenium_python
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

binary = sys.argv[sys.argv.index("--binary") + 1] if "--binary" in sys.argv else ".build/debug/xuncha"
axe_js = open(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules/axe-core/axe.min.js")).read()
data = tempfile.mkdtemp(prefix="xuncha-axe-")
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
log = open(os.path.join(data, "serve.log"), "w+")
server = subprocess.Popen([binary, "serve", "--demo", "--port", str(port), "--data", data + "/d"], stdout=log, stderr=subprocess.STDOUT)
base = f"http://127.0.0.1:{port}"
failures = 0
try:
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.2)

    def check(d, name):
        global failures
        # The driver's script, not the page's: axe reads the page as the browser laid it out.
        d.execute_script(axe_js)
        result = json.loads(d.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}, function (err, r) {"
            "  if (err) { done(JSON.stringify({error: String(err)})); return; }"
            "  done(JSON.stringify({passes: r.passes.length, violations: r.violations.map(function (v) {"
            "    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return {target: n.target, failureSummary: n.failureSummary}; })};"
            "  })}));"
            "});"
        ))
        if "error" in result:
            failures += 1
            print(f"{name}: axe failed: {result['error']}")
            return
        for v in result["violations"]:
            failures += 1
            print(f"{name}: {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                print("   ", node["target"], node.get("failureSummary", "").replace("\n", " ")[:200])
        print(f"{name}: {result['passes']} rules passed, {len(result['violations'])} violated")

    def wait_for(d, element_id):
        """The page a form's submission leads to, once it has loaded: a click returns before the
        answer to a POST (and its redirect) has replaced the page, more so on a busy machine."""
        WebDriverWait(d, 30).until(lambda d: d.find_elements(By.ID, element_id))

    for size, (w, h) in {"phone": (390, 844), "desktop": (1366, 900)}.items():
        o = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={w},{h}", "--lang=zh-CN"]:
            o.add_argument(a)
        d = webdriver.Chrome(options=o)
        try:
            d.set_script_timeout(60)
            # axe's own work (its timers and promises) would otherwise stall under the pages'
            # script-free Content-Security-Policy; the policy itself is tested elsewhere.
            d.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
            for name, path in [("home", "/"), ("status", "/status"), ("inspections", "/inspections"), ("inspection", "/inspections/demo-seed-2023-laoganbu")]:
                d.get(base + path)
                check(d, f"{size} {name}")
            d.get(base + "/")
            d.find_element(By.ID, "content").send_keys("反映某科长收受购物卡。")
            d.find_element(By.ID, "reporter_phone").send_keys("138-abc")
            d.find_element(By.ID, "reporter_email").send_keys("zhou@")
            d.find_element(By.CSS_SELECTOR, "#report button[type=submit]").click()
            wait_for(d, "error-summary")
            check(d, f"{size} errors")
            d.find_element(By.ID, "reporter_phone").clear()
            d.find_element(By.ID, "reporter_email").clear()
            d.find_element(By.CSS_SELECTOR, "#report button[type=submit]").click()
            wait_for(d, "query-code")
            check(d, f"{size} received")
        finally:
            d.quit()
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(data, ignore_errors=True)
sys.exit(1 if failures else 0)
