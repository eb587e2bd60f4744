"""A campaign's report as a CSV file: the template a referent downloads, and the filled-in file they upload.

The upload runs the same checks as the form (the services' `value_problems`), names each error by its line and
column, and hands the view every entry at once or nothing."""

import csv
import io
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from spro_portal.uploads import check_upload, megabytes

from ..services.reports import Entry, value_problems
from .reports import number_field

# key → the French header of its column, in the template's order
COLUMNS = {
    "code": "Code",
    "name": "Indicateur",
    "unit": "Unité",
    "value": "Valeur",
    "numerator": "Numérateur",
    "denominator": "Dénominateur",
    "comment": "Commentaire",
}
NUMBER_COLUMNS = ("value", "numerator", "denominator")
# A cell starting with one of these is a formula to a spreadsheet (CSV injection): never taken in, never given out.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_ERRORS_SHOWN = 30
DEFAULT_MAX_BYTES = 512 * 1024
INVALID_FILE = "Déposez le modèle CSV de la campagne, rempli (fichier .csv)."


def max_bytes():
    # A report holds one line per indicator: a few kilobytes. The cap keeps parsing cheap.
    return getattr(settings, "INDICATORS_CSV_MAX_BYTES", DEFAULT_MAX_BYTES)


def _plain_number(number):
    return "" if number is None else f"{number.normalize():f}".replace(".", ",")


def _safe_text(text):
    """What a spreadsheet shows as text, never runs (indicator names and comments come from people)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def template_header():
    return list(COLUMNS.values())


def template_rows(indicators, values):
    """One line per indicator, filled with what the draft holds, so download, edit, upload round-trips."""
    rows = []
    for indicator in indicators:
        version, saved = indicator.current_version, values.get(indicator.pk)
        name = version.name
        if version.is_ratio:
            name = f"{name} (numérateur : {version.numerator_label} ; dénominateur : {version.denominator_label})"
        rows.append(
            [
                indicator.slug,
                _safe_text(name),
                version.get_unit_display(),
                "" if version.is_ratio or saved is None else _plain_number(saved.value),
                _plain_number(saved.numerator) if version.is_ratio and saved else "",
                _plain_number(saved.denominator) if version.is_ratio and saved else "",
                _safe_text(saved.comment) if saved else "",
            ]
        )
    return rows


def _key(text):
    """A header as compared: no BOM, spaces, case or accents (« unite » is « Unité »)."""
    text = unicodedata.normalize("NFKD", text.strip().lstrip("\ufeff").strip()).casefold()
    return "".join(char for char in text if not unicodedata.combining(char))


HEADER_KEYS = {_key(label): key for key, label in COLUMNS.items()}


def _lower_first(message):
    return message[:1].lower() + message[1:]


class ReportCsvForm(forms.Form):
    """The filled-in template; once valid, `entries` maps each indicator id to its Entry."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    file = forms.FileField(
        label="Fichier CSV rempli",
        help_text="Séparateur point-virgule ou virgule ; décimales avec une virgule ou un point.",
        error_messages={"required": "Choisissez le fichier CSV à déposer.", "empty": "Le fichier est vide."},
    )

    def __init__(self, *args, indicators, previous, **kwargs):
        kwargs.setdefault("prefix", "csv")
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.previous = previous
        self.entries = {}
        self._numbers = number_field("")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise ValidationError(f"Le fichier dépasse {megabytes(max_bytes())} Mo : est-ce bien le modèle CSV ?")
        try:
            checked = check_upload(upload)
        except ValidationError as error:
            if error.code == "mismatch" and (upload.name or "").lower().endswith(".csv"):
                raise ValidationError(
                    "Ce fichier n'est pas un CSV en texte UTF-8 : dans votre tableur, enregistrez-le au format "
                    "« CSV UTF-8 », puis déposez-le à nouveau."
                ) from None
            raise
        if not checked.content_type.startswith("text/csv"):
            raise ValidationError(INVALID_FILE)
        upload.seek(0)
        return upload.read().decode("utf-8-sig")

    def clean(self):
        cleaned = super().clean()
        if "revision" in self.errors:
            raise ValidationError("Le formulaire est incomplet : rechargez la page, puis recommencez.")
        text = cleaned.get("file")
        if text is not None:
            errors = self._read(text)
            if errors:
                shown = errors[:MAX_ERRORS_SHOWN]
                if len(errors) > MAX_ERRORS_SHOWN:
                    shown.append(f"… et {len(errors) - MAX_ERRORS_SHOWN} autres erreurs.")
                self.add_error("file", ValidationError(shown))
        return cleaned

    def _read(self, text):
        """Fill `self.entries`; return the French errors (then `entries` must not be used)."""
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if ";" in first_line or "," not in first_line else ","
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as error:
            return [f"Le fichier CSV est mal formé ({error}) : enregistrez-le à nouveau depuis votre tableur."]
        records = [(number, row) for number, row in enumerate(records, start=1) if any(cell.strip() for cell in row)]
        if not records:
            return ["Le fichier est vide."]
        (_, header), lines = records[0], records[1:]
        columns, errors = self._columns(header)
        if errors:
            return errors
        if not lines:
            return ["Le fichier ne contient aucune ligne d'indicateur : remplissez le modèle de la campagne."]
        by_code = {indicator.slug: indicator for indicator in self.indicators}
        seen = {}
        for number, row in lines:
            if len(row) > len(header):  # shifted cells would land in the wrong columns: never guess
                hint = (
                    " Avec la virgule comme séparateur, mettez les nombres décimaux entre guillemets, ou enregistrez "
                    "le fichier avec le point-virgule."
                    if delimiter == ","
                    else ""
                )
                errors.append(f"Ligne {number} : plus de cellules que de colonnes.{hint}")
                continue
            cells = {key: (row[index].strip() if index < len(row) else "") for key, index in columns.items()}
            indicator = by_code.get(cells["code"])
            if indicator is None:
                errors.append(
                    f"Ligne {number}, colonne « Code » : « {cells['code'][:60]} » n'est pas un indicateur de cette "
                    "campagne. Gardez les codes du modèle."
                )
                continue
            if indicator.pk in seen:
                errors.append(
                    f"Ligne {number} : l'indicateur « {indicator.current_version.name} » figure déjà "
                    f"ligne {seen[indicator.pk]}."
                )
                continue
            seen[indicator.pk] = number
            errors.extend(self._line(number, indicator, cells))
        for indicator in self.indicators:
            if indicator.pk not in seen:
                errors.append(
                    f"L'indicateur « {indicator.current_version.name} » (code « {indicator.slug} ») manque : "
                    "ajoutez sa ligne, ou téléchargez à nouveau le modèle."
                )
        return errors

    def _columns(self, header):
        columns, errors = {}, []
        for index, label in enumerate(header):
            key = HEADER_KEYS.get(_key(label))
            if key is None:
                if label.strip():
                    errors.append(f"Colonne inconnue : « {label.strip()[:60]} ».")
            elif key in columns:
                errors.append(f"La colonne « {COLUMNS[key]} » figure deux fois.")
            else:
                columns[key] = index
        missing = [label for key, label in COLUMNS.items() if key not in columns]
        if missing:
            errors.append(f"Colonne{'s' if len(missing) > 1 else ''} manquante{'s' if len(missing) > 1 else ''} : ")
            errors[-1] += ", ".join(f"« {label} »" for label in missing) + "."
        if errors:
            errors.append(
                "La première ligne doit reprendre les en-têtes du modèle : " + ", ".join(COLUMNS.values()) + "."
            )
        return columns, errors

    def _line(self, number, indicator, cells):
        """The entry of one line, or its errors, each naming its column."""
        version = indicator.current_version
        where = lambda key: f"Ligne {number}, colonne « {COLUMNS[key]} » : "  # noqa: E731
        errors, numbers = [], {}
        expected = ("numerator", "denominator") if version.is_ratio else ("value",)
        for key in NUMBER_COLUMNS:
            cell = cells[key]
            if not cell:
                numbers[key] = None
            elif key not in expected:
                how = "le numérateur et le dénominateur" if version.is_ratio else "une seule valeur"
                errors.append(where(key) + f"cet indicateur se saisit avec {how} : laissez cette colonne vide.")
            elif cell.startswith(("=", "+", "@")):
                errors.append(where(key) + "une formule n'est pas acceptée : saisissez le nombre lui-même.")
            else:
                try:
                    numbers[key] = self._numbers.clean("".join(cell.split()).replace(",", "."))
                except ValidationError as error:
                    errors.append(where(key) + _lower_first(error.messages[0]))
        comment = cells["comment"]
        if comment.startswith(FORMULA_STARTS):
            errors.append(
                where("comment") + f"le texte commence par « {comment[0]} », qu'un tableur lirait comme une formule : "
                "commencez-le autrement."
            )
        elif len(comment) > 2000:
            errors.append(where("comment") + "au plus 2000 caractères.")
        if errors:
            return errors
        entry = Entry(comment=comment, **{key: numbers.get(key) for key in NUMBER_COLUMNS})
        if any(numbers.get(key) is not None for key in expected):
            # A blank line leaves the indicator empty in the draft; submitting will ask for it.
            errors = [
                where(field) + _lower_first(message)
                for field, message in value_problems(version, entry, self.previous.get(indicator.pk))
            ]
        self.entries[indicator.pk] = entry
        return errors
