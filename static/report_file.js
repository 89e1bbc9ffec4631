// The downloaded report file: its data is embedded in #report-data, so it opens offline.
import { render } from "./report.js";

render(document.getElementById("report"), JSON.parse(document.getElementById("report-data").textContent));
