-- Statistics that follow the queue (docs/performance.md, "A week of a busy shop"). The claim's plan rests on the
-- size the planner believes the pending indexes have. After the queue drained, a vacuum records them as empty, and
-- PostgreSQL's default waits for a tenth of the table to change before analysing it again: on 10 million jobs, a
-- burst of 500,000 left the planner walking every pending job for each candidate, about a second a claim, until
-- then. Analysed after every 10,000 changed jobs instead (at most once a minute, autovacuum's pace); an analysis
-- reads a sample of 30,000 rows whatever the table's size (0.6 s on 10 million).
ALTER TABLE delivery_jobs SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 10000);
