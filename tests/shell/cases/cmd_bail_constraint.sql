select 'not reached';
