-- One database per service: no service reads another's tables.
CREATE DATABASE gateway;
CREATE DATABASE plans;
CREATE DATABASE scoring;
CREATE DATABASE notify;
