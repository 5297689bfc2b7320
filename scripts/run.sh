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
cat <<MSG

  HLM Portal (demo data, embedded default)
    Public site:  http://127.0.0.1:8000/
    Demo meeting: http://127.0.0.1:8000/meetings/trafficking-in-persons-2017/
    Staff admin:  http://127.0.0.1:8000/admin/   user: staff   password: $password
    Delegation:   http://127.0.0.1:8000/accounts/login/
                  user: focal.point@belgium.example.org   password: $password
    E-mail goes to var/mail/.

MSG
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
