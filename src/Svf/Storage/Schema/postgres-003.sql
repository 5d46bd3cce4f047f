-- Schema version 3: new-cases figures may be split by sex (NULL = both sexes together).
ALTER TABLE new_cases ADD COLUMN sex INTEGER NULL;
