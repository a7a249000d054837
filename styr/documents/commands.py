"""What `styr export-plan`, `export-report` and `export-decision` share: the registry's formats
as `--format`, the exporters' options as flags, and where the file goes (`--output`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from styr.documents.exporters import NotExportable, exporter_for, exporters_for, identifiers


class ExportCommand(BaseCommand, ABC):
    """A command that writes one subject in a format of the registry's (`subject_kind`)."""

    subject_kind: str

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=identifiers(self.subject_kind), default="json")
        parser.add_argument(
            "--output",
            help="Write to this file (or into this folder, under the file's own name) rather "
            "than standard output; needed for every format that is not text.",
        )
        for option in self.exporter_options():
            if isinstance(option.default, bool):
                parser.add_argument(f"--{option.name}", action="store_true", help=option.help)
            else:
                parser.add_argument(f"--{option.name}", help=option.help)

    def exporter_options(self):
        seen = {}
        for exporter in exporters_for(self.subject_kind):
            for option in exporter.options:
                seen.setdefault(option.name, option)
        return list(seen.values())

    @abstractmethod
    def subject(self, options):
        """Return what the command's arguments name, or raise CommandError saying why not."""

    def handle(self, *args, **options):
        exporter = exporter_for(self.subject_kind, options["format"])
        chosen = {
            option.name: options[option.name]
            for option in exporter.options
            if options.get(option.name) not in (None, False)
        }
        try:
            rendered = exporter.render(self.subject(options), **chosen)
        except NotExportable as refusal:
            raise CommandError(str(refusal)) from refusal
        if options["output"]:
            path = Path(options["output"])
            if path.is_dir():
                path /= rendered.name
            path.write_bytes(rendered.content)
            self.stdout.write(_("wrote %(path)s") % {"path": path})
        elif rendered.is_text:
            self.stdout.write(rendered.content.decode().removesuffix("\n"))
        else:
            raise CommandError(
                _("%(format)s is not text: give --output FILE or --output FOLDER")
                % {"format": exporter.name}
            )
