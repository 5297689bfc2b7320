#!/usr/bin/env bash
# Set up and run the portal with demo data on the embedded default:
# SQLite, Celery tasks in process, e-mail written to var/mail/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh requirements.txt
export HLM_DEBUG=true
password="${HLM_DEMO_STAFF_PASSWORD:-hlm-demo-2017}"
if ! command -v msgfmt >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext
fi
if command -v msgfmt >/dev/null; then  # the French translation; English works without it
  .venv/bin/python manage.py compilemessages --ignore=.venv -v0
fi
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo --staff-password "$password"
site=http://127.0.0.1:8000
demo=$site/meetings/demo-hlm
cat <<MSG

  HLM Portal (demo data, embedded default). Every account's password: $password
  The demonstration meeting (synthetic data, its dates follow today's): $demo/

  Account                            Journey to try                                 Start at
  staff                              open a panel's list, review applications,      $site/admin/
                                     generate the programme
  focal.point@belgium.example.org    inscribe on the plenary list; give input on    $site/accounts/login/
                                     the open draft; register for a side event
  focal.point@ecuador.example.org    (chair of the G77) inscribe on behalf of       $site/accounts/login/
                                     the Group of 77 and China
  focal.point@ireland.example.org    (co-facilitator) read all States' input in     $site/accounts/login/
                                     the compilation of the draft
  no account (an NGO)                apply for the PGA's list, or register on the   $demo/civil-society/
                                     ECOSOC path as "Demo Coalition in Consultative
                                     Status (synthetic)"; confirm with the link in
                                     the e-mail written to var/mail/

  The record: $site/meetings/trafficking-in-persons-2017/ and $site/meetings/trafficking-in-persons-2021/
  E-mail goes to var/mail/.

MSG
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
