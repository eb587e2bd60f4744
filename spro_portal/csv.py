"""CSV downloads that open cleanly in French spreadsheets: UTF-8 with BOM, semicolons, never cached."""

import csv

from django.http import HttpResponse


def csv_response(*, filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return response
